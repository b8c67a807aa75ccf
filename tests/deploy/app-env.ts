// What each app reads from its environment, taken from the app itself: the variable names of its zod
// schema (src/config.ts or server/config.ts) and its loadConfig(env), which the deploy tests call with the
// environment terraform or docker compose would give it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { caA, clientCert, clientKey } from "@edm/kafka/testing";
import { CONSUMER_APPS, type CoreApp, type HerokuApp, REPO_ROOT } from "../../scripts/heroku/heroku-apps";

export type Env = Record<string, string | undefined>;

export interface AppEnvironment {
  configFile: string;
  /** Every variable the app reads: its schema's keys, the Kafka ones if it uses Kafka, the logger's. */
  known: Set<string>;
  usesKafka: boolean;
  loadConfig(env: Env): unknown;
}

const KAFKA_VARIABLES = [
  "KAFKA_URL",
  "KAFKA_TRUSTED_CERT",
  "KAFKA_CLIENT_CERT",
  "KAFKA_CLIENT_CERT_KEY",
  "KAFKA_PREFIX",
];
/** Read by @edm/runtime's logger, and set by the platforms. */
const COMMON_VARIABLES = ["LOG_LEVEL", "LOG_PRETTY", "NODE_ENV"];
/** Read by @edm/runtime's loadMetricsConfig, in the apps that serve /metrics. */
const METRICS_VARIABLES = ["METRICS_TOKEN"];

/**
 * Variables a deployment must set for an app even where the app has a default: the defaults are this
 * machine's (localhost origins and URLs, the default group names spelled out so both platforms agree).
 */
const CORE_MUST_SET: Record<CoreApp, readonly string[]> = {
  "edm-ui": ["RELAY_URL"],
  "edm-relay": ["KAFKA_URL", "CORS_ORIGINS"],
  "edm-stream": ["KAFKA_URL", "CORS_ORIGINS", "STREAM_GROUP_ID"],
  "edm-stats": ["KAFKA_URL", "DATABASE_URL", "CORS_ORIGINS", "STATS_GROUP_ID"],
  "edm-dashboard": ["STATS_URL", "STREAM_URL", "SHOP_URL"],
};

/** What a deployment must set for an app; a generated consumer: Kafka, CORS, its group (and its database). */
export function mustSet(app: HerokuApp): readonly string[] {
  const consumer = CONSUMER_APPS.find((candidate) => candidate.app === app);
  if (!consumer) return CORE_MUST_SET[app as CoreApp] ?? [];
  return [
    "KAFKA_URL",
    "CORS_ORIGINS",
    consumer.groupVariable,
    ...(consumer.database ? ["DATABASE_URL"] : []),
  ];
}

export async function appEnvironment(app: HerokuApp): Promise<AppEnvironment> {
  const candidates = ["src/config.ts", "server/config.ts"].map((file) => join(REPO_ROOT, "apps", app, file));
  const configFile = candidates.find((file) => existsSync(file));
  if (!configFile) throw new Error(`apps/${app} has no src/config.ts or server/config.ts`);
  const source = readFileSync(configFile, "utf8");
  // A config may take part of its schema from a sibling file (e.g. ./pipeline-config): its keys count too.
  const siblings = [...source.matchAll(/from "\.\/([\w-]+)"/g)]
    .map((match) => join(configFile, "..", `${match[1]}.ts`))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, "utf8"));
  const usesKafka = source.includes("loadKafkaConfig");
  const known = new Set([
    ...[source, ...siblings].flatMap((text) =>
      [...text.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1] ?? ""),
    ),
    ...(usesKafka ? KAFKA_VARIABLES : []),
    ...(source.includes("loadMetricsConfig") ? METRICS_VARIABLES : []),
    ...COMMON_VARIABLES,
  ]);
  const module = (await import(pathToFileURL(configFile).href)) as { loadConfig?: (env: Env) => unknown };
  const { loadConfig } = module;
  if (typeof loadConfig !== "function") throw new Error(`${configFile} exports no loadConfig(env)`);
  return { configFile, known, usesKafka, loadConfig };
}

/** What Heroku's Kafka add-on gives every app it is attached to (basic plans), with real PEM text. */
export const HEROKU_KAFKA_ENV: Env = {
  KAFKA_URL:
    "kafka+ssl://ec2-1-2-3-4.compute-1.amazonaws.com:9096,kafka+ssl://ec2-5-6-7-8.compute-1.amazonaws.com:9096",
  KAFKA_TRUSTED_CERT: caA,
  KAFKA_CLIENT_CERT: clientCert,
  KAFKA_CLIENT_CERT_KEY: clientKey,
  KAFKA_PREFIX: "sturdy-12345.",
};

/** What Heroku Postgres gives the app it is attached to. */
export const HEROKU_POSTGRES_ENV: Env = {
  DATABASE_URL: "postgres://u1:p2@ec2-9-9-9-9.compute-1.amazonaws.com:5432/d3",
};
