import { hostname } from "node:os";
import { type KafkaConfig, loadKafkaConfig } from "@edm/kafka";
import {
  collectConfig,
  durationMs,
  loadEnv,
  loadMetricsConfig,
  type MetricsConfig,
  originList,
  port,
  wholeNumber,
} from "@edm/runtime";
import { z } from "zod";
import { GROUP_NAME_PATTERN, instanceName, streamGroupId } from "./consumer-group";

export interface StreamConfig {
  port: number;
  kafka: KafkaConfig;
  /** Browser origins allowed to connect (socket.io) and to call the HTTP routes. */
  corsOrigins: string[];
  /** This instance's name, part of its consumer group. */
  instance: string;
  /** Logical consumer group of this instance (KAFKA_PREFIX is added by @edm/kafka). */
  groupId: string;
  /** A dashboard with more events than this waiting to be sent is skipped until it catches up. */
  clientMaxQueuedEvents: number;
  /** A dashboard that stays that far behind for this long is disconnected. */
  clientStallTimeoutMs: number;
  /** Dashboards served at once by this instance; one more is refused with a reason, and retries. */
  maxDashboards: number;
  /** METRICS_TOKEN: who may read /metrics. */
  metrics: MetricsConfig;
  /** At most one frame per this long: events arriving meanwhile wait for the next frame. */
  frameIntervalMs: number;
}

/** Every event goes to every dashboard: 500 keeps one small dyno's fan-out well within a core. */
export const DEFAULT_MAX_DASHBOARDS = 500;

/**
 * Frames per second per dashboard stay at most 1000 / this (50), whatever the event rate: the writes per
 * dashboard stop growing with events. An event waits at most this long for its frame, and only while
 * events arrive faster than that (bench/stream-fanout.ts: at 50 ms the wait alone cost a click-to-dashboard
 * median of ~30 ms).
 */
export const DEFAULT_FRAME_INTERVAL_MS = 20;

/** The local shop (3000) and dashboard (3004), under both names a browser may use for this machine. */
export const DEFAULT_CORS_ORIGINS = [
  "http://localhost:3000",
  "http://127.0.0.1:3000",
  "http://localhost:3004",
  "http://127.0.0.1:3004",
];

const groupName = z
  .string()
  .trim()
  .max(200, { error: "must be at most 200 characters long" })
  .regex(GROUP_NAME_PATTERN, { error: 'may hold only letters, digits, ".", "_" and "-"' });

const schema = z.object({
  PORT: port(3002),
  CORS_ORIGINS: originList(DEFAULT_CORS_ORIGINS),
  STREAM_GROUP_ID: groupName.default("edm-stream"),
  STREAM_INSTANCE_ID: groupName.optional(),
  DYNO: z.string().optional(),
  STREAM_CLIENT_MAX_QUEUED_EVENTS: wholeNumber({ defaultValue: 1_000, min: 1 }),
  STREAM_CLIENT_STALL_TIMEOUT: durationMs(20_000),
  STREAM_MAX_DASHBOARDS: wholeNumber({ defaultValue: DEFAULT_MAX_DASHBOARDS, min: 1 }),
  STREAM_FRAME_INTERVAL: durationMs(DEFAULT_FRAME_INTERVAL_MS).refine((ms) => ms >= 1 && ms <= 1_000, {
    message: "must be from 1ms to 1s",
  }),
});

/** Where this process runs; passed in so tests need not depend on the machine. */
export interface Host {
  hostname: string;
  pid: number;
}

/** Reads the environment once, at startup. Throws one ConfigError naming every bad variable (never its value). */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  host: Host = { hostname: hostname(), pid: process.pid },
): StreamConfig {
  const { parsed, kafka, metrics } = collectConfig({
    parsed: () => loadEnv(schema, env),
    kafka: () => loadKafkaConfig(env, { clientId: "edm-stream" }),
    metrics: () => loadMetricsConfig(env),
  });
  const instance = instanceName({
    explicit: parsed.STREAM_INSTANCE_ID,
    dyno: parsed.DYNO,
    hostname: host.hostname,
    port: parsed.PORT,
    pid: host.pid,
  });
  return {
    port: parsed.PORT,
    kafka,
    corsOrigins: parsed.CORS_ORIGINS,
    instance,
    groupId: streamGroupId(parsed.STREAM_GROUP_ID, instance),
    clientMaxQueuedEvents: parsed.STREAM_CLIENT_MAX_QUEUED_EVENTS,
    clientStallTimeoutMs: parsed.STREAM_CLIENT_STALL_TIMEOUT,
    maxDashboards: parsed.STREAM_MAX_DASHBOARDS,
    metrics,
    frameIntervalMs: parsed.STREAM_FRAME_INTERVAL,
  };
}
