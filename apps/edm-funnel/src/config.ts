import { type KafkaConfig, loadKafkaConfig } from "@edm/kafka";
import { dedupeRetentionSetting } from "@edm/postgres";
import {
  booleanFlag,
  collectConfig,
  loadEnv,
  loadMetricsConfig,
  type MetricsConfig,
  originList,
  port,
  urlWithProtocol,
} from "@edm/runtime";
import { z } from "zod";

export interface FunnelConfig {
  port: number;
  kafka: KafkaConfig;
  /** The funnel's own database (or a schema of its own, through the URL's search_path). */
  databaseUrl: string;
  /** Run the migrations before starting (local runs, tests; Heroku runs them at start too, see README). */
  migrateOnStart: boolean;
  /** Browser origins allowed to read the API (the dashboard's). */
  corsOrigins: string[];
  /** Logical consumer group shared by every edm-funnel instance, so they split the partitions. */
  groupId: string;
  /** Where a new group starts: the oldest record Kafka retains, or the newest. */
  fromBeginning: boolean;
  /** How long counted events' keys are remembered: at least the topics' retention (checked at start). */
  dedupeRetentionMs: number;
  /** METRICS_TOKEN: who may read /metrics. */
  metrics: MetricsConfig;
}

const LOCAL_ORIGINS = ["http://localhost:3004", "http://127.0.0.1:3004"];

const envSchema = z.object({
  PORT: port(3005),
  DATABASE_URL: urlWithProtocol("postgres", "postgresql"),
  MIGRATE_ON_START: booleanFlag(false),
  CORS_ORIGINS: originList(LOCAL_ORIGINS),
  FUNNEL_GROUP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'may hold only letters, digits, ".", "_" and "-"' })
    .default("edm-funnel"),
  DEDUPE_RETENTION: dedupeRetentionSetting(),
});

/** Reads the environment once, at start-up; one ConfigError names every bad variable (never its value). */
export function loadConfig(env: Record<string, string | undefined> = process.env): FunnelConfig {
  const { parsed, kafka, metrics } = collectConfig({
    parsed: () => loadEnv(envSchema, env),
    kafka: () => loadKafkaConfig(env, { clientId: "edm-funnel" }),
    metrics: () => loadMetricsConfig(env),
  });
  return {
    port: parsed.PORT,
    kafka,
    databaseUrl: parsed.DATABASE_URL,
    migrateOnStart: parsed.MIGRATE_ON_START,
    corsOrigins: parsed.CORS_ORIGINS,
    groupId: parsed.FUNNEL_GROUP_ID,
    fromBeginning: true,
    dedupeRetentionMs: parsed.DEDUPE_RETENTION,
    metrics,
  };
}
