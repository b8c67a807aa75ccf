#!/usr/bin/env node
// `edm-build <entry>... [--outdir <dir>]`, each app's "build" script, run from the app's folder: bundles each
// entry, with the workspace packages (@edm/*) it imports, into one plain-JavaScript file and its source map
// (dist/ by default), so production runs `node --enable-source-maps dist/main.js` and no TypeScript loader.
//
// The app's own production dependencies stay imports, resolved from its node_modules at run time: after the
// build, Heroku prunes to exactly those (and the Dockerfile installs exactly those). A bare import of anything
// else, from the app or from a workspace package it bundles, fails the build and names the dependency to
// add, so a dyno never starts to find a module missing.
//
// Node runs this file through its own type stripping (no tsx, which production no longer has): it imports
// nothing but esbuild and node:*, and uses only syntax that erases.
import { readFileSync, realpathSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";

/** Packages under this scope are the workspace's own: bundled, never imported at run time. */
export const WORKSPACE_SCOPE = "@edm/";

export interface BundleOptions {
  /** The app's folder, holding its package.json. */
  appDir: string;
  /** Entry files, relative to appDir; each becomes <outdir>/<name>.js. */
  entries: string[];
  /** Relative to appDir; emptied first. */
  outdir?: string;
}

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
}

/** Bundles the entries and returns the JavaScript files written, relative to appDir. */
export async function bundleApp({ appDir, entries, outdir = "dist" }: BundleOptions): Promise<string[]> {
  rmSync(resolve(appDir, outdir), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: resolve(appDir),
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    // Mappings only: the sources ship beside the build, and stack traces need no more than line numbers.
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    logLevel: "silent",
    plugins: [productionDependencies(resolve(appDir))],
  });
  return Object.keys(result.metafile.outputs).filter((path) => path.endsWith(".js"));
}

/** "@scope/name/sub" -> "@scope/name", "name/sub" -> "name". */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

function productionDependencies(appDir: string): Plugin {
  const app = readManifest(join(appDir, "package.json"));
  if (!app) throw new Error(`${appDir} has no package.json: edm-build runs from an app's folder`);
  const appName = app.name ?? relative(process.cwd(), appDir);
  const dependencies = app.dependencies ?? {};
  const reported = new Set<string>();
  return {
    name: "edm-production-dependencies",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        if (isBuiltin(path)) return { external: true };
        const name = packageName(path);
        if (name.startsWith(WORKSPACE_SCOPE)) return undefined;
        const range = dependencies[name];
        const owner = importer ? nearestManifest(importer) : undefined;
        const wanted = owner?.manifest.dependencies?.[name];
        const through = owner && owner.dir !== appDir ? `${owner.manifest.name}, which it bundles, ` : "it ";
        // One report per package, however many files import it.
        if (reported.has(name)) return { external: true };
        if (range === undefined) {
          reported.add(name);
          return problem(
            `${appName} would not run from its build: ${through}imports "${name}", which is not one of its ` +
              `production dependencies. Add "${name}": "${wanted ?? "<version>"}" to the "dependencies" of ` +
              `${appName}'s package.json (a dyno keeps those alone).`,
          );
        }
        if (wanted !== undefined && wanted !== range) {
          reported.add(name);
          return problem(
            `${appName} depends on "${name}": "${range}" but ${owner?.manifest.name} asks for "${wanted}"; ` +
              "make them the same, so the bundle runs with the version the package was written for.",
          );
        }
        return { external: true };
      });
    },
  };
}

function problem(text: string) {
  return { errors: [{ text }] };
}

const manifests = new Map<string, { dir: string; manifest: Manifest } | undefined>();

/** The package.json closest above a file, with its folder. */
function nearestManifest(file: string): { dir: string; manifest: Manifest } | undefined {
  const dir = dirname(file);
  if (!manifests.has(dir)) {
    const own = readManifest(join(dir, "package.json"));
    const parent = dirname(dir);
    manifests.set(dir, own ? { dir, manifest: own } : parent === dir ? undefined : nearestManifest(dir));
  }
  return manifests.get(dir);
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { outdir: { type: "string", default: "dist" } },
  });
  if (positionals.length === 0) {
    console.error("usage: edm-build <entry.ts>... [--outdir dist]   (run from the app's folder)");
    process.exit(2);
  }
  const written = await bundleApp({ appDir: process.cwd(), entries: positionals, outdir: values.outdir });
  console.log(`edm-build: wrote ${written.join(", ")} (run with node --enable-source-maps)`);
}

if (realpathSync(process.argv[1] ?? ".") === import.meta.filename) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    // esbuild's message lists each problem with its file and line.
    console.error(`edm-build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
