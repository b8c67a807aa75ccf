import { spawnApp } from "../../../scripts/dev/processes";
import { repoRoot } from "../../setup/paths";

// An app as the platform runs it: its own process, from its `start` script (the way `npm start` starts it),
// with only its environment to go on. The fault tests kill these for real, and check that the ones they
// did not kill are still the same processes at the end.

export interface AppProcess {
  name: string;
  pid: number;
  url: string;
  /** True until the process exits, for whatever reason. */
  running(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its warnings and errors so far (JSON log lines at level warn or above), to explain a failure. */
  problems(): string[];
  /** Sends `signal` and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, as the platform stops a dyno; waits for the exit. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const KEPT_PROBLEMS = 200;

/** Starts `apps/<name>` on a port of its choosing (PORT=0) and resolves once it is listening. */
export async function startApp(name: string, env: Record<string, string>): Promise<AppProcess> {
  const problems: string[] = [];
  let onListening: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    onListening = resolve;
  });
  const app = spawnApp(name, repoRoot, { LOG_LEVEL: "info", LOG_PRETTY: "0", PORT: "0", ...env }, (line) => {
    const parsed = parseLine(line);
    if (typeof parsed?.url === "string" && String(parsed.msg).startsWith("http server listening")) {
      onListening(parsed.url);
    }
    if (!parsed || Number(parsed.level) >= 40) {
      problems.push(line.slice(0, 2_000));
      if (problems.length > KEPT_PROBLEMS) problems.shift();
    }
  });
  const { child } = app;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let timer: NodeJS.Timeout | undefined;
  const url = await Promise.race([
    listening,
    exited.then(({ code, signal }) => {
      throw new Error(
        `${name} exited (${code ?? signal}) before listening:\n${app.recentOutput().join("\n")}`,
      );
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name} did not listen within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));

  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid ?? -1,
    url,
    running,
    exited,
    problems: () => [...problems],
    async kill(signal) {
      if (running()) child.kill(signal);
      await exited;
    },
    stop: () => app.stop(),
  };
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
