import { type KafkaConfig, loadKafkaConfig } from "@edm/kafka";
import { collectConfig, loadEnv, originList, port } from "@edm/runtime";
import { z } from "zod";

export interface FunnelConfig {
  port: number;
  kafka: KafkaConfig;
  /** Browser origins allowed to read the API (the dashboard's). */
  corsOrigins: string[];
  /** Logical consumer group shared by every edm-funnel instance, so they split the partitions. */
  groupId: string;
  /** Where a new group starts: the oldest record Kafka retains, or the newest. */
  fromBeginning: boolean;
}

const LOCAL_ORIGINS = ["http://localhost:3004", "http://127.0.0.1:3004"];

const envSchema = z.object({
  PORT: port(3005),
  CORS_ORIGINS: originList(LOCAL_ORIGINS),
  FUNNEL_GROUP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'may hold only letters, digits, ".", "_" and "-"' })
    .default("edm-funnel"),
});

/** Reads the environment once, at start-up; one ConfigError names every bad variable (never its value). */
export function loadConfig(env: Record<string, string | undefined> = process.env): FunnelConfig {
  const { parsed, kafka } = collectConfig({
    parsed: () => loadEnv(envSchema, env),
    kafka: () => loadKafkaConfig(env, { clientId: "edm-funnel" }),
  });
  return {
    port: parsed.PORT,
    kafka,
    corsOrigins: parsed.CORS_ORIGINS,
    groupId: parsed.FUNNEL_GROUP_ID,
    fromBeginning: true,
  };
}
