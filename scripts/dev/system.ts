import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { type SystemInfra, type SystemPorts, type SystemUrls, systemApps, systemUrls } from "./apps";
import { type AppForm, type AppProcess, spawnApp, startScript } from "./processes";
import type { RestartPolicy } from "./restart-policy";
import { type SupervisedApp, superviseApp } from "./supervised-app";
import { ensureTopics } from "./topics";

const run = promisify(execFile);

export interface SystemOptions {
  ports: SystemPorts;
  infra: SystemInfra;
  repoRoot: string;
  /** Progress for a person, and reports of apps that exited on their own and were restarted. */
  say(line: string): void;
  /** Each line an app prints. */
  onAppLine(app: string, line: string): void;
  /**
   * "source" (default): each app from its TypeScript through tsx; "built": each app's production build with
   * plain node, as on Heroku.
   */
  form?: AppForm;
  /**
   * Build first (default): the front-ends' pages, and with form "built" every app; tests that built them
   * already say false.
   */
  build?: boolean;
  /** Runs only these apps (default: every app that has a start script); tests start what they need. */
  only?: string[];
  restartPolicy?: RestartPolicy;
}

export interface RunningSystem {
  urls: SystemUrls;
  started: { name: string; title: string; url: string; frontEnd: boolean }[];
  missing: string[];
  /**
   * Stops one app (SIGTERM, as Heroku does) and starts it again: for outage drills and tests. An app that
   * exits without being asked is restarted by itself, with back-off.
   */
  restartable(name: string): { stop(): Promise<void>; start(): Promise<void>; pid(): number | undefined };
  stop(): Promise<void>;
}

const readyTimeoutMs = 90_000;

/**
 * Topics, front-end builds, then every app that exists, each waited for until it answers /healthz and from
 * then on supervised: restarted with back-off whenever it exits unless it was stopped on purpose.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { ports, infra, repoRoot, say, form = "source" } = options;
  const urls = systemUrls(ports);
  await ensureTopics(infra.kafkaEnv);
  const hasStart = (name: string) => startScript(join(repoRoot, "apps", name), form) !== undefined;
  // An app without a port (edm-funnel, when a test leaves it out) is not started.
  const apps = systemApps.flatMap((app) => {
    const [url, port] = [urls[app.role], ports[app.role]];
    const wanted = hasStart(app.name) && (options.only?.includes(app.name) ?? true);
    return wanted && url !== undefined && port !== undefined ? [{ ...app, url, port }] : [];
  });
  const toBuild = apps.filter((app) => form === "built" || app.frontEnd).map((app) => app.name);
  if (toBuild.length > 0 && options.build !== false) {
    say(`building ${toBuild.join(", ")} (pnpm run build)`);
    await run("pnpm", [...toBuild.flatMap((name) => ["--filter", name]), "run", "build"], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  const supervised = new Map<string, SupervisedApp>(
    apps.map((app) => [
      app.name,
      superviseApp({
        name: app.name,
        spawn: () => {
          const env = { PORT: String(app.port), ...app.env(urls, infra) };
          return spawnApp(app.name, repoRoot, env, (line) => options.onAppLine(app.name, line), form);
        },
        waitUntilHealthy: (child) => waitUntilHealthy(child, app.url),
        say,
        ...(options.restartPolicy ? { policy: options.restartPolicy } : {}),
      }),
    ]),
  );
  const stop = () => Promise.all([...supervised.values()].map((app) => app.stop())).then(() => undefined);
  try {
    await Promise.all([...supervised.values()].map((app) => app.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls,
    started: apps.map((app) => ({
      name: app.name,
      title: app.title,
      url: app.url,
      frontEnd: app.frontEnd,
    })),
    missing: systemApps.filter((app) => !hasStart(app.name)).map((app) => app.name),
    restartable: (name) => supervisedApp(supervised, name),
    stop,
  };
}

function supervisedApp(supervised: Map<string, SupervisedApp>, name: string): SupervisedApp {
  const app = supervised.get(name);
  if (!app) throw new Error(`${name} is not running in this system`);
  return app;
}

async function waitUntilHealthy(app: AppProcess, url: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) {
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
