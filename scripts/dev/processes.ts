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

/** The command of an app's `start` script, or undefined when the app has none (not built yet). */
export function startScript(appDir: string): string | undefined {
  const manifest = join(appDir, "package.json");
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, "utf8")).scripts?.start;
}

/** Runs an app's `start` script with the given environment; every output line goes to `onLine`. */
export function spawnApp(
  name: string,
  repoRoot: string,
  env: Record<string, string>,
  onLine: (line: string) => void,
): AppProcess {
  const cwd = join(repoRoot, "apps", name);
  const script = startScript(cwd);
  if (!script) throw new Error(`apps/${name} has no start script`);
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
