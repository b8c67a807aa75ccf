import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./paths";

/**
 * The production build of every app, made once per run with the command the Dockerfile runs (each app's own
 * "build" script: esbuild bundles, and vite for the front-ends' pages). The Heroku test runs the bundles as
 * the Procfile does, the end-to-end tests serve the front-ends' pages, and two test files building into the
 * same dist/ at once would trip over each other.
 */
export async function buildApps(): Promise<void> {
  console.log('[test setup] building every app (pnpm --filter "./apps/*" run build)');
  try {
    await promisify(execFile)("pnpm", ["--filter", "./apps/*", "run", "build"], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`The apps did not build:\n${stdout}${stderr}`);
  }
}
