import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HEROKU_APPS, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { procfileFor } from "../../scripts/heroku/render-procfile";
import {
  belongsInSource,
  herokuLockfile,
  herokuPackageJson,
  herokuSourceFiles,
  type SourceFile,
} from "../../scripts/heroku/source-package";

const text = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const source = (path: string, content = ""): SourceFile => ({
  path,
  content: Buffer.from(content),
  executable: false,
});

const LOCKFILE = `lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      vitest:
        specifier: ^4.1.12
        version: 4.1.12

  apps/edm-stats:
    dependencies:
      pg:
        specifier: ^8.23.1
        version: 8.23.1
`;

describe("belongsInSource", () => {
  it("keeps the root files, the shared packages and the app's own folder", () => {
    const kept = [
      "package.json",
      "pnpm-lock.yaml",
      ".npmrc",
      "patches/kafkajs@2.2.4.patch",
      "packages/kafka/src/index.ts",
      "apps/edm-relay/src/main.ts",
    ];
    const dropped = [
      "Procfile",
      "apps/edm-relay-old/x.ts",
      "apps/edm-stats/src/main.ts",
      "tests/deploy/tar.test.ts",
      "scripts/dev/main.ts",
      "terraform/builds.tf",
    ];
    expect(kept.filter((path) => !belongsInSource(path, "edm-relay"))).toEqual([]);
    expect(dropped.filter((path) => belongsInSource(path, "edm-relay"))).toEqual([]);
  });
});

describe("herokuPackageJson", () => {
  it("adds a heroku-postbuild that builds only this app and keeps everything else", () => {
    const original = {
      name: "edm",
      packageManager: "pnpm@10.34.9",
      scripts: { test: "vitest" },
      engines: { node: ">=20" },
    };
    const rewritten = JSON.parse(herokuPackageJson(JSON.stringify(original), "edm-ui"));
    expect(rewritten).toEqual({
      ...original,
      scripts: { test: "vitest", "heroku-postbuild": "pnpm --filter edm-ui run --if-present build" },
    });
  });

  it("drops the root's devDependencies (the repository's tooling) and keeps its dependencies", () => {
    const original = { name: "edm", dependencies: { a: "1" }, devDependencies: { vitest: "^4" } };
    const rewritten = JSON.parse(herokuPackageJson(JSON.stringify(original), "edm-relay"));
    expect(rewritten.devDependencies).toBeUndefined();
    expect(rewritten.dependencies).toEqual({ a: "1" });
  });

  it("refuses to override a heroku script of the repository", () => {
    expect(() => herokuPackageJson('{"scripts":{"heroku-postbuild":"x"}}', "edm-ui")).toThrow(/already has/);
  });

  it("accepts this repository's package.json, which the buildpack reads for pnpm's version", () => {
    const rewritten = JSON.parse(herokuPackageJson(text("package.json"), "edm-stats"));
    expect(rewritten.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    expect(existsSync(join(REPO_ROOT, "pnpm-lock.yaml"))).toBe(true);
    expect(existsSync(join(REPO_ROOT, "package-lock.json")) || existsSync(join(REPO_ROOT, "yarn.lock"))).toBe(
      false,
    );
  });
});

describe("herokuLockfile", () => {
  type Lockfile = {
    importers: Record<string, Record<string, unknown>>;
    packages?: unknown;
    snapshots?: unknown;
  };

  it("empties the root importer, as pnpm writes a project with no dependencies", () => {
    expect(herokuLockfile(LOCKFILE)).toBe(LOCKFILE.replace(/ {2}\.:\n(?: {4}.*\n)+/, "  .: {}\n"));
  });

  it("leaves every app's and package's importer, and every resolved package, as they are", () => {
    const original = parse(text("pnpm-lock.yaml")) as Lockfile;
    const rewritten = parse(herokuLockfile(text("pnpm-lock.yaml"))) as Lockfile;
    expect(rewritten.importers["."]).toEqual({});
    const { ".": _root, ...projects } = original.importers;
    expect(rewritten.importers).toEqual({ ".": {}, ...projects });
    expect(rewritten.packages).toEqual(original.packages);
    expect(rewritten.snapshots).toEqual(original.snapshots);
  });

  it("agrees with the rewritten package.json: the root importer names what the root package.json keeps", () => {
    const manifest = JSON.parse(herokuPackageJson(text("package.json"), "edm-relay")) as Record<
      string,
      unknown
    >;
    const root = (parse(herokuLockfile(text("pnpm-lock.yaml"))) as Lockfile).importers["."] ?? {};
    expect(Object.keys(root.dependencies ?? {}).sort()).toEqual(
      Object.keys(manifest.dependencies ?? {}).sort(),
    );
    expect(manifest.devDependencies).toBeUndefined();
  });
});

describe("herokuSourceFiles", () => {
  const commit = [
    source("package.json", '{"name":"edm","packageManager":"pnpm@10.34.9"}'),
    source("pnpm-lock.yaml", LOCKFILE),
    source("Procfile.template", text("Procfile.template")),
    source("Procfile", "web: stale\n"),
    source("packages/schema/src/index.ts"),
    source("apps/edm-stats/src/main.ts"),
    source("apps/edm-relay/src/main.ts"),
    source("tests/x.test.ts"),
  ];

  it("is the app's selection, with its rendered Procfile and the rewritten package.json", () => {
    const files = herokuSourceFiles(commit, "edm-stats");
    const content = (path: string) =>
      Buffer.from(files.find((file) => file.path === path)?.content ?? []).toString();
    expect(files.map((file) => file.path).sort()).toEqual([
      "Procfile",
      "Procfile.template",
      "apps/edm-stats/src/main.ts",
      "package.json",
      "packages/schema/src/index.ts",
      "pnpm-lock.yaml",
    ]);
    expect(content("Procfile")).toBe(procfileFor("edm-stats"));
    expect(content("pnpm-lock.yaml")).toBe(herokuLockfile(LOCKFILE));
    expect(JSON.parse(content("package.json")).scripts["heroku-postbuild"]).toBe(
      "pnpm --filter edm-stats run --if-present build",
    );
  });

  it("fails when the app is not in the commit", () => {
    expect(() => herokuSourceFiles(commit, "edm-ui")).toThrow(/apps\/edm-ui is not in the commit/);
  });
});

describe("each app's source holds all it needs", () => {
  it.each(HEROKU_APPS)("%s depends on shared packages only, which the tarball carries", (app) => {
    const manifest = JSON.parse(text(`apps/${app}/package.json`)) as Record<string, Record<string, string>>;
    const workspaceDeps = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })
      .filter(([, version]) => version.startsWith("workspace:"))
      .map(([name]) => name);
    const packageNames = readdirSync(join(REPO_ROOT, "packages")).map(
      (dir) => (JSON.parse(text(`packages/${dir}/package.json`)) as { name: string }).name,
    );
    expect(workspaceDeps.filter((name) => !packageNames.includes(name))).toEqual([]);
  });
});
