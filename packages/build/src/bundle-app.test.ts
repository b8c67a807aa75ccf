import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleApp, packageName } from "./bundle-app";

let appDir: string;

beforeEach(async () => {
  appDir = await mkdtemp(join(tmpdir(), "edm-build-"));
});
afterEach(async () => {
  await rm(appDir, { recursive: true, force: true });
});

/** Writes files under the fixture app's folder; objects are written as JSON. */
async function write(files: Record<string, string | object>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(appDir, path)), { recursive: true });
    await writeFile(join(appDir, path), typeof content === "string" ? content : JSON.stringify(content));
  }
}

/** A workspace package, as pnpm links one into the app's node_modules. */
const workspacePackage = (dependencies: Record<string, string>) => ({
  "node_modules/@edm/shared/package.json": {
    name: "@edm/shared",
    type: "module",
    exports: { ".": "./index.ts" },
    dependencies,
  },
  "node_modules/@edm/shared/index.ts":
    'import lib from "some-lib";\nexport const shared = (): string => lib;\n',
});

describe("bundleApp", () => {
  it("writes plain JavaScript whose stack traces name the TypeScript lines under --enable-source-maps", async () => {
    await write({
      "package.json": { name: "fixture", type: "module" },
      "src/main.ts": 'import { explode } from "./explode";\nexplode("at start");\n',
      "src/explode.ts":
        "export function explode(when: string): never {\n  const what: string = 'boom ' + when;\n  throw new Error(what);\n}\n",
    });
    expect(await bundleApp({ appDir, entries: ["src/main.ts"] })).toEqual(["dist/main.js"]);
    const run = promisify(execFile)(process.execPath, ["--enable-source-maps", "dist/main.js"], {
      cwd: appDir,
    });
    const failure = (await run.catch((error: unknown) => error)) as { stderr: string };
    expect(failure.stderr).toContain("Error: boom at start");
    expect(failure.stderr).toMatch(/src\/explode\.ts:3:/);
  });

  it("bundles the workspace packages and keeps the app's production dependencies as imports", async () => {
    await write({
      "package.json": {
        name: "fixture",
        dependencies: { "@edm/shared": "workspace:*", "some-lib": "^1.2.0" },
      },
      ...workspacePackage({ "some-lib": "^1.2.0" }),
      "src/main.ts": 'import { shared } from "@edm/shared";\nconsole.log(shared());\n',
    });
    await bundleApp({ appDir, entries: ["src/main.ts"] });
    const bundle = await readFile(join(appDir, "dist/main.js"), "utf8");
    expect(bundle).toMatch(/from "some-lib"/);
    expect(bundle).not.toMatch(/from "@edm\/shared"/);
    expect(bundle).toContain("var shared = () => lib;");
  });

  it("fails, naming the dependency to add, when a bundled package imports one the app does not declare", async () => {
    await write({
      "package.json": { name: "fixture", dependencies: { "@edm/shared": "workspace:*" } },
      ...workspacePackage({ "some-lib": "^1.2.0" }),
      "src/main.ts": 'import { shared } from "@edm/shared";\nconsole.log(shared());\n',
    });
    await expect(bundleApp({ appDir, entries: ["src/main.ts"] })).rejects.toThrow(
      /@edm\/shared, which it bundles, imports "some-lib".*Add "some-lib": "\^1\.2\.0"/,
    );
  });

  it("fails when the app and a bundled package ask for different versions", async () => {
    await write({
      "package.json": {
        name: "fixture",
        dependencies: { "@edm/shared": "workspace:*", "some-lib": "^2.0.0" },
      },
      ...workspacePackage({ "some-lib": "^1.2.0" }),
      "src/main.ts": 'import { shared } from "@edm/shared";\nconsole.log(shared());\n',
    });
    await expect(bundleApp({ appDir, entries: ["src/main.ts"] })).rejects.toThrow(
      /depends on "some-lib": "\^2\.0\.0" but @edm\/shared asks for "\^1\.2\.0"/,
    );
  });

  it("fails when the app imports a package it has only as a dev dependency", async () => {
    await write({
      "package.json": { name: "fixture", devDependencies: { vitest: "^4.0.0" } },
      "src/main.ts": 'import { it } from "vitest";\nconsole.log(it);\n',
    });
    await expect(bundleApp({ appDir, entries: ["src/main.ts"] })).rejects.toThrow(
      /fixture would not run from its build: it imports "vitest"/,
    );
  });
});

describe("packageName", () => {
  it.each([
    ["pg", "pg"],
    ["pg/lib/client", "pg"],
    ["@edm/kafka", "@edm/kafka"],
    ["@scope/name/sub/path", "@scope/name"],
  ])("%s is in package %s", (specifier, name) => {
    expect(packageName(specifier)).toBe(name);
  });
});
