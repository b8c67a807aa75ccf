import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { LocalApp, LocalInfra, LocalUrls } from "./apps";

export interface StartedApps {
  started: LocalApp[];
  missing: LocalApp[];
  stop(): Promise<void>;
}

const stopTimeoutMs = 30_000;

function startScript(appDir: string): string | undefined {
  const manifest = join(appDir, "package.json");
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, "utf8")).scripts?.start;
}

/** Runs each app's `start` script with its local settings; every output line is prefixed with the app. */
export async function startApps(
  apps: LocalApp[],
  urls: LocalUrls,
  infra: LocalInfra,
  repoRoot: string,
): Promise<StartedApps> {
  const children: ChildProcess[] = [];
  const started: LocalApp[] = [];
  const missing: LocalApp[] = [];
  for (const app of apps) {
    const cwd = join(repoRoot, "apps", app.name);
    const script = startScript(cwd);
    if (!script) {
      missing.push(app);
      continue;
    }
    const bin = [join(cwd, "node_modules/.bin"), join(repoRoot, "node_modules/.bin"), process.env.PATH].join(
      ":",
    );
    const env = {
      ...process.env,
      PATH: bin,
      PORT: String(app.port),
      LOG_PRETTY: "1",
      ...app.env(urls, infra),
    };
    // `exec` makes the app itself our child, so SIGTERM reaches it directly (a package manager or shell
    // in between would not pass it on reliably).
    const child = spawn("sh", ["-c", `exec ${script}`], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    prefixLines(child, app.name);
    children.push(child);
    started.push(app);
  }
  return { started, missing, stop: () => stopAll(children) };
}

function prefixLines(child: ChildProcess, name: string) {
  const tag = `\x1b[36m${name.padEnd(13)}\x1b[0m|`;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => console.log(`${tag} ${line}`));
  }
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((child) => stopOne(child)));
}

function stopOne(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
