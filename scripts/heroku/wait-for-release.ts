// Run by terraform/builds.tf (terraform_data.release, one per app, after its build) with its settings in
// the environment:
//
//   EDM_HEROKU_APP                the Heroku app
//   EDM_HEROKU_BUILD_ID           the build terraform just made (heroku_build.app[...].id)
//   EDM_RELEASE_TIMEOUT_SECONDS   how long to wait for its release (default 600)
//   EDM_RELEASE_POLL_MS           pause between checks (default 5000; the tests shorten it)
//
// Needs HEROKU_API_KEY. Exits 1 with the release phase's output when the release failed.
import { setTimeout as sleep } from "node:timers/promises";
import { herokuApi } from "./heroku-api";
import { waitForRelease } from "./release-wait";

export interface ReleaseWaitSettings {
  app: string;
  buildId: string;
  timeoutMs: number;
}

/** The settings from the environment; throws one error naming every variable that is missing or wrong. */
export function readReleaseWaitEnv(env: Record<string, string | undefined>): ReleaseWaitSettings {
  const problems: string[] = [];
  const app = env.EDM_HEROKU_APP?.trim() ?? "";
  if (!/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/.test(app)) problems.push("EDM_HEROKU_APP must be a Heroku app name");
  const buildId = env.EDM_HEROKU_BUILD_ID?.trim() ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(buildId)) problems.push("EDM_HEROKU_BUILD_ID must be a build's id (a UUID)");
  const timeout = env.EDM_RELEASE_TIMEOUT_SECONDS?.trim() || "600";
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1) {
    problems.push("EDM_RELEASE_TIMEOUT_SECONDS must be a whole number above 0");
  }
  if (problems.length > 0) throw new Error(`wait-for-release: ${problems.join("; ")}`);
  return { app, buildId, timeoutMs: Number(timeout) * 1000 };
}

async function main(): Promise<void> {
  const settings = readReleaseWaitEnv(process.env);
  await waitForRelease(herokuApi(process.env), settings, {
    timeoutMs: settings.timeoutMs,
    pollMs: Number(process.env.EDM_RELEASE_POLL_MS ?? 5_000),
    now: () => Date.now(),
    sleep: (ms) => sleep(ms),
    say: (line) => console.log(`[release] ${line}`),
  });
}

if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(`wait-for-release: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
