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
  /**
   * The built file the web process runs, relative to the app's folder: what its "build" script writes from
   * `source` and its package.json "start" runs.
   */
  entry: string;
  /** The TypeScript file it is built from, which "start:tsx" runs in development. */
  source: string;
  flags: readonly ProcfileFlag[];
}

export const HEROKU_APP_SPECS: Record<HerokuApp, HerokuAppSpec> = {
  "edm-ui": { entry: "dist-server/main.js", source: "server/main.ts", flags: [] },
  "edm-relay": { entry: "dist/main.js", source: "src/main.ts", flags: [] },
  "edm-stream": { entry: "dist/main.js", source: "src/main.ts", flags: [] },
  "edm-stats": { entry: "dist/main.js", source: "src/main.ts", flags: ["migrations"] },
  "edm-dashboard": { entry: "dist-server/main.js", source: "server/main.ts", flags: [] },
};

export function isHerokuApp(name: string): name is HerokuApp {
  return (HEROKU_APPS as readonly string[]).includes(name);
}
