import type { AppProcess } from "./processes";
import { defaultRestartPolicy, describeExit, nextRestartDelay, type RestartPolicy } from "./restart-policy";

/** One app kept running the way a platform keeps a dyno running: restarted, with back-off, when it exits. */
export interface SupervisedApp {
  /**
   * Starts the app and waits until it is healthy; from then on an exit nobody asked for is reported and
   * followed by a restart. Throws when it does not become healthy (a first start is not retried: a broken
   * configuration should stop `npm start` with its message, not loop).
   */
  start(): Promise<void>;
  /** Stops it for good: a pending restart is cancelled and no exit is restarted any more. */
  stop(): Promise<void>;
  /** The process id of its current process, for fault drills. */
  pid(): number | undefined;
}

export interface SuperviseOptions {
  name: string;
  spawn(): AppProcess;
  waitUntilHealthy(app: AppProcess): Promise<void>;
  /** Reports for a person: an unexpected exit, a restart. */
  say(line: string): void;
  policy?: RestartPolicy;
}

/** Lines of an app's own output quoted in a report of its exit. */
const reportedLines = 10;

export function superviseApp(options: SuperviseOptions): SupervisedApp {
  const { name, say, policy = defaultRestartPolicy } = options;
  let current: AppProcess | undefined;
  let wanted = false;
  // Only an app that has been healthy since it was last started on purpose is restarted.
  let watching = false;
  let previousDelayMs: number | undefined;
  let pendingRestart: NodeJS.Timeout | undefined;

  const launch = async () => {
    const app = options.spawn();
    current = app;
    const startedAt = Date.now();
    app.child.once("exit", (code, signal) => {
      if (app === current && wanted && watching) scheduleRestart(app, Date.now() - startedAt, code, signal);
    });
    await options.waitUntilHealthy(app);
  };

  const scheduleRestart = (
    app: AppProcess,
    upForMs: number,
    code: number | null,
    signal: NodeJS.Signals | null,
  ) => {
    const delayMs = nextRestartDelay(policy, previousDelayMs, upForMs);
    previousDelayMs = delayMs;
    const lastLines = app.recentOutput().slice(-reportedLines);
    say(
      `${name} exited unexpectedly (${describeExit(code, signal)}) after ${seconds(upForMs)}; ` +
        `restarting it in ${seconds(delayMs)}. Its last lines:\n${lastLines.map((line) => `    ${line}`).join("\n")}`,
    );
    pendingRestart = setTimeout(() => void restart(), delayMs);
  };

  const restart = async () => {
    pendingRestart = undefined;
    if (!wanted) return;
    say(`restarting ${name}`);
    try {
      await launch();
      if (wanted) say(`${name} is back and healthy`);
    } catch (error) {
      // An app that exited during its restart has been reported and rescheduled by its exit handler; one that
      // still runs but never became healthy is killed, which leads to the same.
      const app = current;
      if (!wanted || !app || app.child.exitCode !== null || app.child.signalCode !== null) return;
      say(`${name} did not become healthy after a restart (${messageOf(error)}); killing it`);
      app.child.kill("SIGKILL");
    }
  };

  return {
    start: async () => {
      clearTimeout(pendingRestart);
      wanted = true;
      watching = false;
      previousDelayMs = undefined;
      await launch();
      watching = true;
    },
    stop: async () => {
      wanted = false;
      clearTimeout(pendingRestart);
      await current?.stop();
    },
    pid: () => current?.child.pid,
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
