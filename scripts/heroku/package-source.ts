// Writes one app's Heroku source tarball from the last commit that changed it (see source-package.ts).
//
// As terraform's "external" data source (terraform/builds.tf) it reads {"app": "...", "out_dir": "..."} on
// stdin and prints {"path": "...", "commit": "...", "sha256": "..."}. There out_dir must be relative (to the
// working directory, terraform/), and so is the path printed: heroku_build's source.path is ForceNew, and an
// absolute path would differ between checkouts and rebuild every app. By hand:
//
//   node --import tsx scripts/heroku/package-source.ts edm-relay [out_dir]
//
// Uncommitted changes are not deployed; they are reported on stderr.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { commitInfo, filesAt, uncommittedChanges } from "./git-source";
import { HEROKU_APPS, type HerokuApp, isHerokuApp, REPO_ROOT } from "./heroku-apps";
import { belongsInSource, herokuSourceFiles, sourcePathspecs } from "./source-package";
import { tarGz } from "./tar";

export interface SourcePackage {
  path: string;
  commit: string;
  sha256: string;
}

export async function writeSourcePackage(options: {
  app: HerokuApp;
  outDir: string;
  repoRoot?: string;
  ref?: string;
}): Promise<SourcePackage> {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const commit = await commitInfo(repoRoot, options.ref, sourcePathspecs(options.app));
  // Procfile.template and package.json are root files, so the selection already holds them.
  const files = await filesAt(repoRoot, commit.sha, (path) => belongsInSource(path, options.app));
  const tarball = tarGz(herokuSourceFiles(files, options.app), commit.time);
  // Relative stays relative (to the working directory): this path ends up in terraform's plan.
  const path = join(options.outDir, `${options.app}.tar.gz`);
  await mkdir(options.outDir, { recursive: true });
  // Rewritten only when different, and whole (write, then rename): a plan may read it meanwhile.
  const existing = await readFile(path).catch(() => undefined);
  if (!existing?.equals(tarball)) {
    await writeFile(`${path}.tmp`, tarball);
    await rename(`${path}.tmp`, path);
  }
  return { path, commit: commit.sha, sha256: createHash("sha256").update(tarball).digest("hex") };
}

async function readQuery(argv: string[]): Promise<{ app: string; outDir: string }> {
  if (argv[0]) return { app: argv[0], outDir: argv[1] ?? join(REPO_ROOT, "terraform/.build") };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const query = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
  if (typeof query.app !== "string" || typeof query.out_dir !== "string") {
    throw new Error('expected {"app": "<app>", "out_dir": "<directory>"} on stdin');
  }
  if (isAbsolute(query.out_dir)) {
    throw new Error(
      `out_dir must be relative to the working directory, not "${query.out_dir}": the path answered becomes heroku_build's source.path, and an absolute one rebuilds every app when applied from another checkout`,
    );
  }
  return { app: query.app, outDir: query.out_dir };
}

async function main(): Promise<void> {
  const { app, outDir } = await readQuery(process.argv.slice(2));
  if (!isHerokuApp(app)) throw new Error(`unknown app "${app}"; expected one of ${HEROKU_APPS.join(", ")}`);
  const changed = await uncommittedChanges(REPO_ROOT);
  if (changed.length > 0) {
    console.error(
      `package-source: ${changed.length} uncommitted change(s) are not deployed (${changed.slice(0, 5).join(", ")})`,
    );
  }
  const result = await writeSourcePackage({ app, outDir });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// Only as a program: the tests import writeSourcePackage.
if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(`package-source: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
