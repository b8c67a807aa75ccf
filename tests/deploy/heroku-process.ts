// A Procfile command run the way a Heroku dyno runs it: `bash -c "<command>"` from the root of the build,
// with no environment but the one given. The output is kept so a failing test can show what the app said.
import { type ChildProcess, spawn } from "node:child_process";

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HerokuProcess {
  name: string;
  /** How it exited, once it has. */
  exit(): ProcessExit | undefined;
  exited: Promise<ProcessExit>;
  /** The last lines it printed, stdout and stderr together, for failure messages. */
  output(): string;
  /** SIGTERM, as Heroku sends when a dyno stops; resolves with how it exited and after how long. */
  terminate(): Promise<ProcessExit & { ms: number }>;
  /** SIGKILL if still running (clean-up after a failed test); resolves once it is gone. */
  kill(): Promise<void>;
}

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string>;
}

const KEPT_LINES = 200;

export function startProcess(name: string, command: string, { cwd, env }: ProcessOptions): HerokuProcess {
  // With Heroku's `exec`, bash becomes the app itself, so this child is the process Heroku would signal.
  const child: ChildProcess = spawn("bash", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > KEPT_LINES) lines.splice(0, lines.length - KEPT_LINES);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("error", (error) => keep(Buffer.from(`could not start: ${error.message}`)));
    child.once("exit", (code, signal) => {
      const result = { code, signal };
      exit = result;
      // The output's last lines arrive with "close"; a grandchild holding the pipes must not hang the test.
      const timer = setTimeout(() => resolve(result), 2_000);
      child.once("close", () => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  });

  return {
    name,
    exit: () => exit,
    exited,
    output: () => `--- last output of ${name} (${command}) ---\n${lines.join("\n")}`,
    terminate: async () => {
      const started = Date.now();
      if (!exit) child.kill("SIGTERM");
      const result = await exited;
      return { ...result, ms: Date.now() - started };
    },
    kill: async () => {
      if (exit) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs a one-off process (the release phase) to its end, SIGKILLed past `timeoutMs`. */
export async function runProcess(
  name: string,
  command: string,
  options: ProcessOptions,
  timeoutMs: number,
): Promise<ProcessExit & { output: string }> {
  const oneOff = startProcess(name, command, options);
  const timer = setTimeout(() => void oneOff.kill(), timeoutMs);
  const result = await oneOff.exited;
  clearTimeout(timer);
  return { ...result, output: oneOff.output() };
}
