import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

export interface ChildStats {
  child: ChildProcess;
  /** The HTTP address, read from its "listening" log line. */
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its log lines so far, parsed. */
  lines: Record<string, unknown>[];
}

/** Runs edm-stats exactly as `pnpm --filter edm-stats start` does, with only `env` (plus PATH) set. */
export function spawnStats(env: Record<string, string>): ChildStats {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let resolveUrl: (url: string) => void = () => {};
  let rejectUrl: (error: Error) => void = () => {};
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => {});
  let pending = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const text of complete) {
      if (!text.trim()) continue;
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        if (typeof line.url === "string" && String(line.msg).startsWith("http server listening"))
          resolveUrl(line.url);
      } catch {
        lines.push({ msg: text });
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      rejectUrl(new Error(`edm-stats exited (${code ?? signal}) before listening: ${stderr.slice(-2_000)}`));
      resolve({ code, signal });
    });
  });
  return { child, url, exited, lines };
}
