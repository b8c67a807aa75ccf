import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The repository's root, found from this file so the scripts work from any working directory. */
export const REPO_ROOT = join(import.meta.dirname, "../..");

/** The five apps the project started with, by their folder under apps/. */
export const CORE_APPS = ["edm-ui", "edm-relay", "edm-stream", "edm-stats", "edm-dashboard"] as const;

export type CoreApp = (typeof CORE_APPS)[number];

/**
 * A consumer made by `pnpm edm new-consumer`, listed in the root's consumers.json: the one list that
 * terraform (terraform/consumers.tf), these scripts and the deploy tests read, so adding a consumer edits
 * no Terraform and no script.
 */
export interface ConsumerApp {
  /** Its folder under apps/, e.g. "edm-funnel". */
  app: string;
  /** Its key in terraform and its Heroku app's name suffix, e.g. "funnel". */
  role: string;
  /** Its local port (npm start, docker compose). */
  port: number;
  /** The variable naming its consumer group, and the group a deployment gives it. */
  groupVariable: string;
  group: string;
  /** It keeps its data in PostgreSQL: a database add-on of its own on Heroku, the compose PostgreSQL. */
  database: boolean;
}

export const CONSUMERS_PATH = join(REPO_ROOT, "consumers.json");

export function readConsumers(path = CONSUMERS_PATH): ConsumerApp[] {
  return JSON.parse(readFileSync(path, "utf8")) as ConsumerApp[];
}

export const CONSUMER_APPS: readonly ConsumerApp[] = readConsumers();

/** Every app deployed to Heroku (and run by docker compose): the five, then the generated consumers. */
export const HEROKU_APPS: readonly string[] = [
  ...CORE_APPS,
  ...CONSUMER_APPS.map((consumer) => consumer.app),
];

/** An app's folder under apps/; one of HEROKU_APPS (isHerokuApp checks). */
export type HerokuApp = CoreApp | (string & {});

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

const CORE_SPECS: Record<CoreApp, HerokuAppSpec> = {
  "edm-ui": { entry: "dist-server/main.js", source: "server/main.ts", flags: [] },
  "edm-relay": { entry: "dist/main.js", source: "src/main.ts", flags: [] },
  "edm-stream": { entry: "dist/main.js", source: "src/main.ts", flags: [] },
  "edm-stats": { entry: "dist/main.js", source: "src/main.ts", flags: ["migrations"] },
  "edm-dashboard": { entry: "dist-server/main.js", source: "server/main.ts", flags: [] },
};

/**
 * Generated consumers are built like edm-stream; one with a database migrates it in the release phase, as
 * edm-stats does (its package.json has a "migrate" script).
 */
function consumerSpec(consumer: ConsumerApp): HerokuAppSpec {
  return { entry: "dist/main.js", source: "src/main.ts", flags: consumer.database ? ["migrations"] : [] };
}

/** How an app of HEROKU_APPS is built and started; throws for any other name. */
export function herokuAppSpec(app: HerokuApp): HerokuAppSpec {
  if ((CORE_APPS as readonly string[]).includes(app)) return CORE_SPECS[app as CoreApp];
  const consumer = CONSUMER_APPS.find((candidate) => candidate.app === app);
  if (consumer) return consumerSpec(consumer);
  throw new Error(`unknown app "${app}"; expected one of ${HEROKU_APPS.join(", ")}`);
}

export function isHerokuApp(name: string): name is HerokuApp {
  return HEROKU_APPS.includes(name);
}
