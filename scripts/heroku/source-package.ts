// What goes into one app's Heroku source tarball. Pure: the git reading and file writing are elsewhere.
//
// Heroku's Node.js buildpack, given the repository root, runs `pnpm install --prod=false --frozen-lockfile`,
// then the root's "heroku-postbuild" script, then prunes dev dependencies (for a pnpm workspace: removes
// every project's node_modules and runs `pnpm install --prod --frozen-lockfile`). So the tarball holds:
// - the root files (package.json with its packageManager, pnpm-lock.yaml, pnpm-workspace.yaml, .npmrc,
//   tsconfig.base.json, ...), the shared packages/, and this app's folder only. pnpm installs a workspace
//   whose lockfile names projects that are absent, so the other apps' dependencies are never installed;
// - a root package.json with "heroku-postbuild" building only this app: its "build" script bundles the
//   server into plain JavaScript (and vite builds a front-end's pages) with dev dependencies that are still
//   installed then; the dynos run that build with the production dependencies alone;
// - no root devDependencies, in package.json and in pnpm-lock.yaml's root importer alike (so the frozen
//   lockfile still matches): they are the repository's tooling (test runners, embedded PostgreSQL binaries,
//   testcontainers, playwright-core, biome, ...), which no app needs to build or run, and which the build
//   would otherwise fetch for every app before pruning it. Each app's own dependencies are untouched;
// - the app's Procfile, rendered from Procfile.template.
import { parseDocument, YAMLMap } from "yaml";
import type { HerokuApp } from "./heroku-apps";
import { procfileFor } from "./render-procfile";
import type { TarFile } from "./tar";

export interface SourceFile {
  path: string;
  content: Uint8Array;
  executable: boolean;
}

/** Root files the tarball holds rewritten (see herokuSourceFiles). */
const REWRITTEN = ["package.json", "pnpm-lock.yaml"];

/** Whether a path of the repository belongs in `app`'s tarball. */
export function belongsInSource(path: string, app: HerokuApp): boolean {
  if (!path.includes("/")) return path !== "Procfile";
  // patches/: the dependency patches pnpm-workspace.yaml names, which every install applies.
  return path.startsWith("packages/") || path.startsWith("patches/") || path.startsWith(`apps/${app}/`);
}

/** belongsInSource as git pathspecs: ":(glob)*" is the root's files, its "*" never crossing a "/". */
export function sourcePathspecs(app: HerokuApp): string[] {
  return [":(glob)*", "packages", `apps/${app}`];
}

/** The root package.json with the build of this one app as the buildpack's build step. */
export function herokuPackageJson(rootPackageJson: string, app: HerokuApp): string {
  const manifest = JSON.parse(rootPackageJson) as { scripts?: Record<string, string> };
  const scripts = manifest.scripts ?? {};
  for (const taken of ["heroku-prebuild", "heroku-postbuild", "heroku-cleanup"]) {
    if (taken in scripts) {
      throw new Error(`the root package.json already has a "${taken}" script; packaging would override it`);
    }
  }
  manifest.scripts = { ...scripts, "heroku-postbuild": `pnpm --filter ${app} run --if-present build` };
  delete (manifest as { devDependencies?: unknown }).devDependencies;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** pnpm-lock.yaml with the root importer's devDependencies removed, matching herokuPackageJson. */
export function herokuLockfile(lockfile: string): string {
  const document = parseDocument(lockfile);
  const root = document.getIn(["importers", "."]);
  if (!(root instanceof YAMLMap)) throw new Error("pnpm-lock.yaml has no root importer (importers: .:)");
  root.delete("devDependencies");
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * The tarball's files from the commit's files: this app's selection, the rewritten package.json and the
 * Procfile rendered from the commit's own Procfile.template.
 */
export function herokuSourceFiles(files: readonly SourceFile[], app: HerokuApp): TarFile[] {
  const text = (path: string) => {
    const file = files.find((candidate) => candidate.path === path);
    if (!file) throw new Error(`${path} is missing from the commit`);
    return Buffer.from(file.content).toString("utf8");
  };
  const procfile = procfileFor(app, text("Procfile.template"));
  const packageJson = herokuPackageJson(text("package.json"), app);
  const lockfile = herokuLockfile(text("pnpm-lock.yaml"));
  if (!files.some((file) => file.path.startsWith(`apps/${app}/`))) {
    throw new Error(`apps/${app} is not in the commit: commit it before deploying`);
  }
  const selected: TarFile[] = files
    .filter((file) => belongsInSource(file.path, app) && !REWRITTEN.includes(file.path))
    .map((file) => ({ path: file.path, content: file.content, executable: file.executable }));
  return [
    ...selected,
    { path: "package.json", content: Buffer.from(packageJson) },
    { path: "pnpm-lock.yaml", content: Buffer.from(lockfile) },
    { path: "Procfile", content: Buffer.from(procfile) },
  ];
}
