import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, to explain a failed start. */
  recentOutput(): string[];
  stop(): Promise<void>;
}

const stopTimeoutMs = 30_000;
const keptLines = 40;

/**
 * How an app runs: from its TypeScript through tsx (`start:tsx`, the fast development path, nothing to
 * build), or from its production build with plain node (`start`, as on Heroku; needs `pnpm run build`).
 */
export type AppForm = "source" | "built";

const START_SCRIPTS: Record<AppForm, string> = { source: "start:tsx", built: "start" };

/** The command that starts an app in the given form, or undefined when the app has none (not written yet). */
export function startScript(appDir: string, form: AppForm = "source"): string | undefined {
  const manifest = join(appDir, "package.json");
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, "utf8")).scripts?.[START_SCRIPTS[form]];
}

/** Runs an app's start script with the given environment; every output line goes to `onLine`. */
export function spawnApp(
  name: string,
  repoRoot: string,
  env: Record<string, string>,
  onLine: (line: string) => void,
  form: AppForm = "source",
): AppProcess {
  const cwd = join(repoRoot, "apps", name);
  const script = startScript(cwd, form);
  if (!script) throw new Error(`apps/${name} has no "${START_SCRIPTS[form]}" script`);
  const bin = [join(cwd, "node_modules/.bin"), join(repoRoot, "node_modules/.bin"), process.env.PATH].join(
    ":",
  );
  // `exec` makes the app itself our child, so SIGTERM reaches it directly (a package manager or shell
  // in between would not pass it on reliably).
  const child = spawn("sh", ["-c", `exec ${script}`], {
    cwd,
    env: { ...process.env, ...env, PATH: bin },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a terminal's Ctrl-C goes to us alone, and each app then gets exactly one
    // SIGTERM from us (a second signal would make it skip its clean shutdown).
    detached: true,
  });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      recent.push(line);
      if (recent.length > keptLines) recent.shift();
      onLine(line);
    });
  }
  return { name, child, recentOutput: () => [...recent], stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
