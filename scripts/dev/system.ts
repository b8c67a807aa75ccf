import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { type LocalApp, type SystemInfra, type SystemUrls, systemApps, systemUrls } from "./apps";
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
  /** Build the front-ends first (default); tests that built them already say false. */
  build?: boolean;
}

export interface RunningSystem {
  urls: SystemUrls;
  started: { name: string; title: string; url: string; frontEnd: boolean }[];
  missing: string[];
  /** Stops one app (SIGTERM, as Heroku does) and starts it again: for outage drills and tests. */
  restartable(name: string): { stop(): Promise<void>; start(): Promise<void> };
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
  if (frontEnds.length > 0 && options.build !== false) {
    say(`building ${frontEnds.join(" and ")} (vite)`);
    await run("pnpm", [...frontEnds.flatMap((name) => ["--filter", name]), "build"], { cwd: repoRoot });
  }
  const processes = new Map<string, AppProcess>();
  const launch = async (app: LocalApp) => {
    const env = { PORT: String(ports[app.role]), ...app.env(urls, infra) };
    const child = spawnApp(app.name, repoRoot, env, (line) => options.onAppLine(app.name, line));
    processes.set(app.name, child);
    await waitUntilHealthy(child, urls[app.role]);
  };
  const stop = () => Promise.all([...processes.values()].map((p) => p.stop())).then(() => undefined);
  try {
    await Promise.all(apps.map(launch));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls,
    started: apps.map((app) => ({
      name: app.name,
      title: app.title,
      url: urls[app.role],
      frontEnd: app.frontEnd,
    })),
    missing: systemApps.filter((app) => !apps.includes(app)).map((app) => app.name),
    restartable: (name) => {
      const app = apps.find((candidate) => candidate.name === name);
      if (!app) throw new Error(`${name} is not running in this system`);
      return { stop: async () => processes.get(name)?.stop(), start: () => launch(app) };
    },
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
