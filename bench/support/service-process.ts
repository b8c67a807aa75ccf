import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { eventually } from "@edm/testkit";
import { repoRoot } from "./local-services";

export interface ServiceProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** What it printed so far (warnings and errors: it logs at LOG_LEVEL=warn). */
  output(): string;
  /** SIGTERM, as a platform stops a dyno; resolves once it exited (and wrote its CPU profile, if any). */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Script path from the repository root, run with `node --import tsx`. */
  script: string;
  /** Its environment (PORT is chosen here). */
  env: Record<string, string>;
  /** A path that answers 200 once the service is ready. */
  readyPath?: string;
  /** When set, `node --cpu-prof` writes the process's profile into this folder as it exits. */
  cpuProfileDir?: string | undefined;
}

/**
 * Runs a service as its own process, like `npm start` does, so the load generator (in this process)
 * and the service do not share an event loop. Logs only warnings, so logging costs what it does in
 * production at rest, not one line per request.
 */
export async function startService(options: ServiceOptions): Promise<ServiceProcess> {
  const { script, env, cpuProfileDir, readyPath = "/healthz" } = options;
  const port = await freePort();
  const profile = cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", script], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LOG_LEVEL: "warn",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${output.join("").slice(-3_000)}`);
    return (await fetch(`${url}${readyPath}`).catch(() => undefined))?.ok === true;
  };
  await eventually(ready, { timeoutMs: 60_000, what: `${script} answering ${readyPath}` });
  return {
    url,
    output: () => output.join(""),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  return typeof address === "object" && address ? address.port : 0;
}

/** The no-op Express 5 app: the ceiling an Express service can reach on this machine. */
export const NOOP_EXPRESS_SCRIPT = join("bench", "support", "noop-express.ts");
