import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { type SystemInfra, type SystemUrls, systemApps, systemUrls } from "./apps";
import { type AppProcess, spawnApp, startScript } from "./processes";
import { ensureTopics } from "./topics";

const run = promisify(execFile);

export interface SystemOptions {
  ports: Record<keyof SystemUrls, number>;
  infra: SystemInfra;
  repoRoot: string;
  /** Progress for a person. */
  say(line: string): void;
  /** Each line an app prints. */
  onAppLine(app: string, line: string): void;
}

export interface RunningSystem {
  urls: SystemUrls;
  started: { name: string; title: string; url: string }[];
  missing: string[];
  stop(): Promise<void>;
}

const readyTimeoutMs = 90_000;

/** Topics, front-end builds, then every app that exists, each waited for until it answers /healthz. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { ports, infra, repoRoot, say } = options;
  const urls = systemUrls(ports);
  await ensureTopics(infra.kafkaEnv);
  const apps = systemApps.filter((app) => startScript(join(repoRoot, "apps", app.name)));
  const frontEnds = apps.filter((app) => app.frontEnd).map((app) => app.name);
  if (frontEnds.length > 0) {
    say(`building ${frontEnds.join(" and ")} (vite)`);
    await run("pnpm", [...frontEnds.flatMap((name) => ["--filter", name]), "build"], { cwd: repoRoot });
  }
  const processes: AppProcess[] = [];
  const stop = () => Promise.all(processes.map((p) => p.stop())).then(() => undefined);
  try {
    for (const app of apps) {
      const env = { PORT: String(ports[app.role]), ...app.env(urls, infra) };
      processes.push(spawnApp(app.name, repoRoot, env, (line) => options.onAppLine(app.name, line)));
    }
    await Promise.all(processes.map((p, i) => waitUntilHealthy(p, urls[apps[i]?.role ?? "relay"])));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls,
    started: apps.map((app) => ({ name: app.name, title: app.title, url: urls[app.role] })),
    missing: systemApps.filter((app) => !apps.includes(app)).map((app) => app.name),
    stop,
  };
}

async function waitUntilHealthy(app: AppProcess, url: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) {
      throw new Error(`${app.name} exited during start:\n${app.recentOutput().join("\n")}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app.name} did not answer ${url}/healthz within ${readyTimeoutMs / 1000} s`);
}
