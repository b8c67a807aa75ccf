import { createKafka, describeKafkaConfig, type KafkaAdmin, type KafkaClient, withTimeout } from "@edm/kafka";
import { createMetricsRegistry, type Logger, startHttpServer } from "@edm/runtime";
import type { Registry } from "prom-client";
import { createRelayApp } from "./app";
import { type BatcherStats, createBatcher } from "./batcher";
import type { RelayConfig } from "./config";
import { connectInBackground, onceConnected } from "./kafka-connection";
import { createRelayMetrics } from "./relay-metrics";
import { laneOfRecord } from "./send-lanes";

export interface RelayDeps {
  log: Logger;
  /** Defaults to a client built from config.kafka; tests may pass their own. */
  kafka?: KafkaClient;
  /** Where /metrics reads from; a registry of its own by default. */
  metrics?: Registry;
}

export interface RunningRelay {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Resolves once the producer has connected to Kafka (the relay is up before that; see startRelay). */
  kafkaConnected: Promise<void>;
  /** What is waiting for Kafka right now, and totals since start. */
  stats(): BatcherStats;
  /** Stops taking requests, answers those in flight once Kafka acknowledged them, then disconnects. */
  stop(): Promise<void>;
}

// Kafka's default per-partition batch limit is 1 MB; a send stays well under it even when one
// topic and partition get everything.
const MAX_BYTES_PER_SEND = 512 * 1024;
// A dyno has 512 MB; what waits for Kafka may take a small, fixed part of it.
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;
const DISCONNECT_TIMEOUT_MS = 4_000;
// A stop while still connecting (no request is waiting then) gives the attempt in flight this long.
const CONNECT_STOP_WAIT_MS = 2_000;
// After the server closed, every request has its answer; this only waits for a send Kafka has not
// answered yet (its requests already got 503).
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Binds PORT at once and connects to Kafka in the background, so a slow or absent broker never keeps the
 * port unbound; resolves as soon as HTTP listens. Throws only when the port cannot be bound.
 */
export async function startRelay(config: RelayConfig, deps: RelayDeps): Promise<RunningRelay> {
  const { log } = deps;
  const kafka =
    deps.kafka ??
    createKafka(config.kafka, {
      log,
      // kafkajs retries a failing send inside one call; kept short so a send that cannot succeed gives up
      // about when its requests have already been answered 503, and the next send can start.
      retry: { retries: 4, initialRetryTimeMs: 200, maxRetryTimeMs: 2_000 },
      connectionTimeoutMs: 5_000,
      requestTimeoutMs: config.sendTimeoutMs + 1_000,
      disconnectTimeoutMs: DISCONNECT_TIMEOUT_MS,
    });
  const producer = kafka.producer({ ackTimeoutMs: config.sendTimeoutMs });
  const admin = kafka.admin();

  const registry = deps.metrics ?? createMetricsRegistry({ service: "edm-relay" });
  const relayMetrics = createRelayMetrics(registry);
  const batcher = createBatcher({
    send: relayMetrics.timedSend((batches) => producer.sendBatch(batches)),
    laneOf: laneOfRecord(),
    timeoutMs: config.sendTimeoutMs,
    maxEventsPerSend: config.maxEventsPerSend,
    maxBytesPerSend: MAX_BYTES_PER_SEND,
    maxQueuedEvents: config.maxQueuedEvents,
    maxQueuedBytes: MAX_QUEUED_BYTES,
    log,
  });
  relayMetrics.watchQueue(batcher.stats);
  // Connecting goes on in the background (see kafka-connection.ts), so PORT is bound at once and /readyz
  // and event requests say 503 until Kafka answers.
  log.info({ kafka: describeKafkaConfig(config.kafka) }, "connecting to Kafka");
  const connection = connectInBackground({ producer, log, stopWaitMs: CONNECT_STOP_WAIT_MS });
  const app = createRelayApp({
    batcher: onceConnected(batcher, connection),
    metrics: { registry, token: config.metrics.token, relay: relayMetrics },
    log,
    kafkaReady: brokerCheck(connection.isConnected, admin),
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
  });

  let server: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    server = await startHttpServer({ app, port: config.port, log });
  } catch (error) {
    await connection.stop();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    // Requests in flight wait at most sendTimeoutMs for Kafka, so the server can close within that.
    // Worst case in all: SEND_TIMEOUT_MS (at most 15 s) + 1 s + 2 s + 4 s, inside runService's 25 s.
    await server.close(config.sendTimeoutMs + 1_000);
    try {
      await withTimeout(batcher.drain(), DRAIN_TIMEOUT_MS, "Sending the last events to Kafka");
    } catch (error) {
      log.warn({ err: error, ...batcher.stats() }, "some events were still waiting for Kafka at shutdown");
    }
    await Promise.all([connection.stop(), admin.disconnect()]);
    log.info(batcher.stats(), "relay stopped");
  };

  return {
    url: server.url,
    port: server.port,
    kafkaConnected: connection.settled,
    stats: batcher.stats,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}

/**
 * The producer stays "connected" while its brokers are away (kafkajs reconnects on the next send), so
 * readiness also asks the cluster for its metadata, with a short bound: /readyz then says 503 while
 * Kafka is unreachable and 200 again once it answers, without waiting for traffic to find out.
 */
function brokerCheck(connected: () => boolean, admin: KafkaAdmin, timeoutMs = 2_000) {
  return async () =>
    connected() &&
    withTimeout(admin.listTopics(), timeoutMs, "Kafka metadata for /readyz").then(
      () => true,
      () => false,
    );
}
