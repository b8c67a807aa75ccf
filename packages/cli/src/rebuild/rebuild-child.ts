import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** edm-stats's folder; the CLI runs its rebuild as a program of its own, never importing the app. */
const STATS_DIR = join(import.meta.dirname, "../../../../apps/edm-stats");

export interface RebuildChild {
  /** Resolves with the child's exit code (130 when a signal ended it). */
  exited: Promise<number>;
}

export interface RebuildChildOptions {
  args: readonly string[];
  env: Record<string, string | undefined>;
  /** Each line of the child's stdout; without it, stdout goes straight to ours. */
  onLine?: (line: string) => void;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborting asks the child to stop as Ctrl-C would (it then resumes on the next run). */
  signal: AbortSignal;
}

/**
 * The command `pnpm --filter edm-stats rebuild-stats:tsx` runs (its TypeScript, so it always matches the
 * checkout), or its build `dist/rebuild-cli.js` where the source is not there.
 */
export function rebuildCommand(): string[] {
  const source = join(STATS_DIR, "src/rebuild-cli.ts");
  if (existsSync(source)) return ["--import", "tsx", source];
  return ["--enable-source-maps", join(STATS_DIR, "dist/rebuild-cli.js")];
}

export function runRebuildChild(options: RebuildChildOptions): RebuildChild {
  const child = spawn(process.execPath, [...rebuildCommand(), ...options.args], {
    cwd: STATS_DIR,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr.pipe(options.stderr, { end: false });
  if (options.onLine) {
    const onLine = options.onLine;
    createInterface({ input: child.stdout }).on("line", (line) => onLine(line));
  } else {
    child.stdout.pipe(options.stdout, { end: false });
  }
  const interrupt = () => child.kill("SIGINT");
  options.signal.addEventListener("abort", interrupt, { once: true });
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      options.signal.removeEventListener("abort", interrupt);
      resolve(code ?? (signal ? 130 : 1));
    });
  });
  return { exited };
}
