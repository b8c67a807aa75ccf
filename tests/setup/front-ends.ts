import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./paths";

/**
 * Production builds of the shop and the dashboard, made once per run: the end-to-end and Heroku tests
 * serve them, and two test files building into the same dist/ at once would trip over each other.
 */
export async function buildFrontEnds(): Promise<void> {
  console.log("[test setup] building edm-ui and edm-dashboard (vite build)");
  try {
    await promisify(execFile)("pnpm", ["--filter", "edm-ui", "--filter", "edm-dashboard", "build"], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`The front-ends did not build:\n${stdout}${stderr}`);
  }
}
