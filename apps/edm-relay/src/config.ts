import { type KafkaConfig, loadKafkaConfig } from "@edm/kafka";
import {
  byteSize,
  collectConfig,
  durationMs,
  loadEnv,
  loadMetricsConfig,
  type MetricsConfig,
  originList,
  port,
  wholeNumber,
} from "@edm/runtime";
import { MAX_BATCH_EVENTS } from "@edm/schema";
import { z } from "zod";

export interface RelayConfig {
  port: number;
  kafka: KafkaConfig;
  /** Browser origins allowed to call the relay (the shop's), exactly as the browser sends them. */
  corsOrigins: string[];
  /** Largest request body accepted; larger ones get 413 before they are read in full. */
  maxBodyBytes: number;
  /** Event requests one client address may make per minute before getting 429. */
  rateLimitPerMinute: number;
  /** How many proxies in front of the relay to trust for the client address (Heroku's router: 1). */
  trustProxy: number;
  /** Longest a request waits for Kafka to acknowledge its events before it gets 503. */
  sendTimeoutMs: number;
  /** Events allowed to wait for Kafka at once; past this, requests get 503 at once. */
  maxQueuedEvents: number;
  /**
   * Most events one produce request carries (a request's events of one lane are never split). 1 turns
   * coalescing off: one produce request per HTTP request (and lane).
   */
  maxEventsPerSend: number;
  /** METRICS_TOKEN: who may read /metrics. */
  metrics: MetricsConfig;
}

export const DEFAULT_CORS_ORIGINS = [
  "http://localhost:3000",
  "http://127.0.0.1:3000",
  "http://localhost:3004",
  "http://127.0.0.1:3004",
];

const envSchema = z.object({
  PORT: port(3001),
  CORS_ORIGINS: originList(DEFAULT_CORS_ORIGINS),
  MAX_BODY_BYTES: byteSize({ defaultBytes: 256 * 1024, min: 1024, max: 10 * 1024 * 1024 }),
  RATE_LIMIT_PER_MINUTE: wholeNumber({ defaultValue: 1200, min: 1 }),
  // 0 locally: trusting X-Forwarded-For without a proxy would let any client pick its own rate-limit key.
  TRUST_PROXY: wholeNumber({ defaultValue: 0, min: 0, max: 10 }),
  // At most 15 s, so a request waiting on Kafka still gets its answer within Heroku's 30 s shutdown.
  SEND_TIMEOUT_MS: durationMs(10_000).pipe(
    z.number().min(100, "must be at least 100ms").max(15_000, "must be at most 15s"),
  ),
  MAX_QUEUED_EVENTS: wholeNumber({ defaultValue: 10_000, min: MAX_BATCH_EVENTS, max: 1_000_000 }),
  MAX_EVENTS_PER_SEND: wholeNumber({ defaultValue: 2_000, min: 1, max: 10_000 }),
});

/**
 * The relay's whole configuration from its environment. Every problem, the Kafka variables' included,
 * is reported in one ConfigError naming the variables (never their values).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): RelayConfig {
  const { parsed, kafka, metrics } = collectConfig({
    parsed: () => loadEnv(envSchema, env),
    kafka: () => loadKafkaConfig(env, { clientId: "edm-relay" }),
    metrics: () => loadMetricsConfig(env),
  });
  return {
    port: parsed.PORT,
    kafka,
    corsOrigins: parsed.CORS_ORIGINS,
    maxBodyBytes: parsed.MAX_BODY_BYTES,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    trustProxy: parsed.TRUST_PROXY,
    sendTimeoutMs: parsed.SEND_TIMEOUT_MS,
    maxQueuedEvents: parsed.MAX_QUEUED_EVENTS,
    maxEventsPerSend: parsed.MAX_EVENTS_PER_SEND,
    metrics,
  };
}
