// The source tarballs terraform uploads to Heroku, made with git for real. The repository's working tree is
// committed into a scratch repository first, so the test covers what is about to be committed too.
import { execFile } from "node:child_process";
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEROKU_APPS, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { writeSourcePackage } from "../../scripts/heroku/package-source";
import { procfileFor } from "../../scripts/heroku/render-procfile";
import { readTar } from "./tar-reader";

const run = promisify(execFile);
let scratch: string;
let repo: string;

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    "git",
    ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args],
    {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "edm-package-"));
  repo = join(scratch, "repo");
  await mkdir(repo);
  const files = (await git(REPO_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"))
    .split("\0")
    .filter((path) => path !== "");
  for (const path of files) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await copyFile(join(REPO_ROOT, path), join(repo, path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error; // deleted from the working tree, still in the index
    });
  }
  await git(repo, "init", "-q");
  await git(repo, "add", "-A");
  await git(repo, "commit", "-q", "-m", "snapshot");
  await symlink(join(REPO_ROOT, "node_modules"), join(repo, "node_modules"));
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.each(HEROKU_APPS)("the Heroku source of %s", (app) => {
  it("holds the root files, packages/ and this app only, its Procfile and a build of this app alone", async () => {
    const written = await writeSourcePackage({ app, outDir: join(scratch, "out"), repoRoot: repo });
    const entries = readTar(gunzipSync(await readFile(written.path)));
    const paths = entries.map((entry) => entry.path);
    const content = (path: string) => entries.find((entry) => entry.path === path)?.content;

    expect(
      paths.filter(
        (path) => path.includes("/") && !path.startsWith("packages/") && !path.startsWith(`apps/${app}/`),
      ),
    ).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        "package.json",
        "pnpm-lock.yaml",
        "pnpm-workspace.yaml",
        ".npmrc",
        `apps/${app}/package.json`,
      ]),
    );
    expect(paths.some((path) => path.includes("node_modules"))).toBe(false);
    expect(content("Procfile")).toBe(procfileFor(app));
    expect(JSON.parse(content("package.json") ?? "{}").scripts["heroku-postbuild"]).toBe(
      `pnpm --filter ${app} run --if-present build`,
    );
    expect(written.commit).toBe((await git(repo, "rev-parse", "HEAD")).trim());
  });
});

describe("package-source.ts as terraform's external program", () => {
  it("answers the query on stdin with the tarball's path, commit and checksum, the same bytes each time", async () => {
    const query = JSON.stringify({ app: "edm-relay", out_dir: join(scratch, "external") });
    const answer = async () => {
      const child = execFile("node", ["--import", "tsx", "scripts/heroku/package-source.ts"], { cwd: repo });
      child.stdin?.end(query);
      const chunks: string[] = [];
      child.stdout?.on("data", (chunk: string) => chunks.push(chunk));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(0);
      return JSON.parse(chunks.join("")) as Record<string, string>;
    };
    const first = await answer();
    const second = await answer();
    expect(Object.values(first).every((value) => typeof value === "string")).toBe(true);
    expect(first.path).toBe(join(scratch, "external", "edm-relay.tar.gz"));
    expect(second).toEqual(first);
  }, 60_000);
});

describe("a commit that changes one app", () => {
  it("changes that app's tarball only, so terraform rebuilds that app only", async () => {
    const outDir = join(scratch, "rebuild");
    const before = await writeSourcePackage({ app: "edm-relay", outDir, repoRoot: repo });
    const uiBefore = await writeSourcePackage({ app: "edm-ui", outDir, repoRoot: repo });
    await appendFile(join(repo, "apps/edm-ui/package.json"), "\n");
    await git(repo, "commit", "-q", "-am", "touch the shop");

    expect(await writeSourcePackage({ app: "edm-relay", outDir, repoRoot: repo })).toEqual(before);
    const uiAfter = await writeSourcePackage({ app: "edm-ui", outDir, repoRoot: repo });
    expect(uiAfter.commit).not.toBe(uiBefore.commit);
    expect(uiAfter.sha256).not.toBe(uiBefore.sha256);
  });
});
