import { join } from "node:path";

/** The repository's root, found from this file so the scripts work from any working directory. */
export const REPO_ROOT = join(import.meta.dirname, "../..");

/** The five apps deployed to Heroku (and run by docker compose), by their folder under apps/. */
export const HEROKU_APPS = ["edm-ui", "edm-relay", "edm-stream", "edm-stats", "edm-dashboard"] as const;

export type HerokuApp = (typeof HEROKU_APPS)[number];

/** Conditions a Procfile.template line can depend on ("[migrations] release: ..."). */
export const PROCFILE_FLAGS = ["migrations"] as const;

export type ProcfileFlag = (typeof PROCFILE_FLAGS)[number];

export interface HerokuAppSpec {
  /** The file the web process runs, relative to the app's folder: the same as its package.json "start". */
  entry: string;
  flags: readonly ProcfileFlag[];
}

export const HEROKU_APP_SPECS: Record<HerokuApp, HerokuAppSpec> = {
  "edm-ui": { entry: "server/main.ts", flags: [] },
  "edm-relay": { entry: "src/main.ts", flags: [] },
  "edm-stream": { entry: "src/main.ts", flags: [] },
  "edm-stats": { entry: "src/main.ts", flags: ["migrations"] },
  "edm-dashboard": { entry: "server/main.ts", flags: [] },
};

export function isHerokuApp(name: string): name is HerokuApp {
  return (HEROKU_APPS as readonly string[]).includes(name);
}
