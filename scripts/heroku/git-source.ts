// The files of one commit, read with git itself: what is deployed is exactly what was committed, whatever
// the working tree holds (node_modules, builds, local state, uncommitted edits).
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GitFile {
  path: string;
  content: Buffer;
  executable: boolean;
}

export interface CommitInfo {
  sha: string;
  /** Committer time, seconds since the epoch: the mtime of every file in the tarball. */
  time: number;
}

/**
 * The last commit up to `ref` that changed any of `pathspecs` (all of them when none are given). Deploying
 * that commit rather than `ref` itself keeps an app's tarball, and so its Heroku build, unchanged by commits
 * that touch only other apps, the tests or terraform.
 */
export async function commitInfo(
  repoRoot: string,
  ref = "HEAD",
  pathspecs: string[] = [],
): Promise<CommitInfo> {
  const paths = pathspecs.length > 0 ? ["--", ...pathspecs] : [];
  const { stdout } = await run("git", [
    "-C",
    repoRoot,
    "log",
    "-1",
    "--format=%H %ct",
    `${ref}^{commit}`,
    ...paths,
  ]);
  const [sha = "", time = ""] = stdout.trim().split(" ");
  if (!/^[0-9a-f]{40,64}$/.test(sha) || !/^\d+$/.test(time)) {
    throw new Error(`git found no commit of ${ref} touching ${pathspecs.join(" ") || "anything"}`);
  }
  return { sha, time: Number(time) };
}

/** Paths of tracked files whose working-tree content differs from HEAD: they will not be deployed. */
export async function uncommittedChanges(repoRoot: string): Promise<string[]> {
  const { stdout } = await run("git", ["-C", repoRoot, "status", "--porcelain", "--untracked-files=no"]);
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.slice(3));
}

/** Every file of `commit` for which `include(path)` is true, with its content. */
export async function filesAt(
  repoRoot: string,
  commit: string,
  include: (path: string) => boolean,
): Promise<GitFile[]> {
  const { stdout } = await run("git", ["-C", repoRoot, "ls-tree", "-r", "-z", "--full-tree", commit], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const entries = stdout
    .split("\0")
    .filter((entry) => entry !== "")
    .map((entry) => {
      const [meta = "", path = ""] = entry.split("\t");
      const [mode = "", type = "", object = ""] = meta.split(" ");
      return { mode, type, object, path };
    })
    .filter((entry) => include(entry.path));
  for (const entry of entries) {
    if (entry.mode !== "100644" && entry.mode !== "100755") {
      throw new Error(
        `${entry.path} is a ${entry.type} with mode ${entry.mode}: only regular files can be deployed`,
      );
    }
  }
  const contents = await readBlobs(
    repoRoot,
    entries.map((entry) => entry.object),
  );
  return entries.map((entry, index) => ({
    path: entry.path,
    content: contents[index] ?? Buffer.alloc(0),
    executable: entry.mode === "100755",
  }));
}

/** Blob contents in the order asked, from one `git cat-file --batch`. */
async function readBlobs(repoRoot: string, objects: string[]): Promise<Buffer[]> {
  if (objects.length === 0) return [];
  const child = spawn("git", ["-C", repoRoot, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  child.stdin.end(`${objects.join("\n")}\n`);
  const code = await exited;
  if (code !== 0) throw new Error(`git cat-file failed: ${Buffer.concat(errors).toString().trim()}`);

  const output = Buffer.concat(chunks);
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const object of objects) {
    const newline = output.indexOf(0x0a, offset);
    const [sha, type, size] = output.subarray(offset, newline).toString().split(" ");
    if (sha !== object || type !== "blob" || size === undefined) {
      throw new Error(`git cat-file gave "${sha} ${type}" where blob ${object} was expected`);
    }
    const start = newline + 1;
    blobs.push(output.subarray(start, start + Number(size)));
    offset = start + Number(size) + 1;
  }
  return blobs;
}
