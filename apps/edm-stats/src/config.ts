import { type KafkaConfig, loadKafkaConfig } from "@edm/kafka";
import { dedupeRetentionSetting } from "@edm/postgres";
import {
  booleanFlag,
  collectConfig,
  durationMs,
  loadEnv,
  loadMetricsConfig,
  type MetricsConfig,
  originList,
  port,
  urlWithProtocol,
} from "@edm/runtime";
import { z } from "zod";
import { loadPipelineConfig, type PipelineConfig } from "./pipeline-config";

export interface StatsConfig {
  port: number;
  /** PostgreSQL connection string; a secret (it holds the password): never log it. */
  databaseUrl: string;
  kafka: KafkaConfig;
  /** Browser origins allowed to read the API (the dashboard's). */
  corsOrigins: string[];
  /** Logical consumer group shared by every edm-stats instance, so they split the partitions. */
  groupId: string;
  /** Run the database migrations before consuming; off on Heroku, where the release phase runs them. */
  migrateOnStart: boolean;
  /** The broker drops a consumer silent for this long and hands its partitions to the others. */
  sessionTimeoutMs: number;
  /** How long an event id is remembered for deduplication; must exceed Kafka's retention. */
  dedupeRetentionMs: number;
  /** How often the active statistics generation is read, to follow a rebuild's switch (rebuild.ts). */
  generationPollMs: number;
  /** METRICS_TOKEN: who may read /metrics. */
  metrics: MetricsConfig;
  /** RELAY_URL, STREAM_URL: whose readiness GET /api/pipeline reports. */
  pipeline: PipelineConfig;
}

const LOCAL_ORIGINS = [
  "http://localhost:3000",
  "http://127.0.0.1:3000",
  "http://localhost:3004",
  "http://127.0.0.1:3004",
];

const envSchema = z.object({
  PORT: port(3003),
  DATABASE_URL: urlWithProtocol("postgres", "postgresql"),
  CORS_ORIGINS: originList(LOCAL_ORIGINS),
  STATS_GROUP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'may hold only letters, digits, ".", "_" and "-"' })
    .default("edm-stats"),
  MIGRATE_ON_START: booleanFlag(false),
  // Kafka brokers accept 6 s to 5 min by default (group.min/max.session.timeout.ms).
  STATS_SESSION_TIMEOUT: durationMs(30_000).refine((ms) => ms >= 6_000 && ms <= 300_000, {
    message: "must be from 6s to 5m",
  }),
  DEDUPE_RETENTION: dedupeRetentionSetting(),
  STATS_GENERATION_POLL: durationMs(5_000).refine((ms) => ms >= 100 && ms <= 300_000, {
    message: "must be from 100ms to 5m",
  }),
});

/**
 * Reads the environment once, at start-up. Every problem, the Kafka ones included, is reported
 * together in one ConfigError naming each variable, never its value.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): StatsConfig {
  const { parsed, kafka, metrics, pipeline } = collectConfig({
    parsed: () => loadEnv(envSchema, env),
    kafka: () => loadKafkaConfig(env, { clientId: "edm-stats" }),
    metrics: () => loadMetricsConfig(env),
    pipeline: () => loadPipelineConfig(env),
  });
  return {
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    kafka,
    corsOrigins: parsed.CORS_ORIGINS,
    groupId: parsed.STATS_GROUP_ID,
    migrateOnStart: parsed.MIGRATE_ON_START,
    sessionTimeoutMs: parsed.STATS_SESSION_TIMEOUT,
    dedupeRetentionMs: parsed.DEDUPE_RETENTION,
    generationPollMs: parsed.STATS_GENERATION_POLL,
    metrics,
    pipeline,
  };
}
