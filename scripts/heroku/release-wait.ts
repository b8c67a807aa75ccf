// terraform's heroku_build waits for the build, not for the release it creates, whose release phase runs
// edm-stats's migrations; heroku_formation could then scale dynos onto a release that is still pending or
// has failed. This waits for the build's release to succeed, and fails, with the release phase's output,
// when it does not.
import type { HerokuApi } from "./heroku-api";

export interface ReleaseWaiting {
  timeoutMs: number;
  pollMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  say(line: string): void;
}

/** Lines of the release phase's output quoted in the error. */
const OUTPUT_LINES = 60;

export class ReleaseFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReleaseFailedError";
  }
}

export async function waitForRelease(
  api: HerokuApi,
  target: { app: string; buildId: string },
  waiting: ReleaseWaiting,
): Promise<void> {
  const { app, buildId } = target;
  const deadline = waiting.now() + waiting.timeoutMs;
  const pause = async (what: string) => {
    if (waiting.now() >= deadline) {
      throw new ReleaseFailedError(
        `${app}: gave up after ${Math.round(waiting.timeoutMs / 1000)} s waiting for ${what}; see \`heroku releases --app ${app}\``,
      );
    }
    await waiting.sleep(waiting.pollMs);
  };

  let releaseId: string | undefined;
  for (;;) {
    const build = await api.build(app, buildId);
    if (build.status === "failed") {
      throw new ReleaseFailedError(
        `${app}: build ${buildId} failed; see \`heroku builds:output ${buildId} --app ${app}\``,
      );
    }
    releaseId = build.release?.id;
    if (releaseId) break;
    await pause(`build ${buildId} to create its release`);
  }

  for (;;) {
    const release = await api.release(app, releaseId);
    if (release.status === "succeeded") {
      waiting.say(`${app}: release v${release.version} succeeded`);
      return;
    }
    if (release.status === "failed") {
      const output = release.output_stream_url ? await api.text(release.output_stream_url) : "";
      const tail = output.trimEnd().split(/\r?\n/).slice(-OUTPUT_LINES).join("\n");
      throw new ReleaseFailedError(
        `${app}: release v${release.version} failed, so its dynos were not scaled; the previous release keeps running. Release phase output:\n${tail || "(none)"}`,
      );
    }
    waiting.say(`${app}: release v${release.version} is still pending (release phase running)`);
    await pause(`release v${release.version}`);
  }
}
