import { execFile } from "node:child_process";
import { join } from "node:path";

const main = join(import.meta.dirname, "../main.ts");

export interface EdmRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `pnpm edm <args>` as a user does: a child process with only the given environment (plus PATH),
 * so nothing of the test runner's environment leaks in.
 */
export function runEdm(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<EdmRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
