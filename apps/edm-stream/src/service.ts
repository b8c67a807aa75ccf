import { createKafka, type KafkaClientOptions } from "@edm/kafka";
import { createMetricsRegistry, type Logger, startHttpServer } from "@edm/runtime";
import { EVENT_TOPICS } from "@edm/schema";
import { createApp } from "./app";
import { createBatchHandler } from "./batch-handler";
import { type BroadcastStatus, createBroadcaster } from "./broadcaster";
import type { StreamConfig } from "./config";
import { createFrameClock } from "./frame-clock";
import { requireTopics } from "./required-topics";
import { createSocketServer } from "./socket-server";
import { createStreamMetrics } from "./stream-metrics";

export interface StreamDeps {
  log: Logger;
  /** Called when the Kafka consumer has crashed for good: this instance then streams nothing. */
  onConsumerLost?: (error: Error) => void;
  /** Overrides of the Kafka client's timeouts (tests shorten them). */
  kafka?: Omit<KafkaClientOptions, "log">;
}

export interface StreamStatus extends BroadcastStatus {
  instance: string;
  /** Consumer group on the broker, KAFKA_PREFIX included. */
  groupId: string;
  consuming: boolean;
}

export interface RunningStream {
  url: string;
  port: number;
  status(): StreamStatus;
  /** Stops consuming, closes every dashboard connection (they reconnect elsewhere), closes HTTP. */
  stop(): Promise<void>;
}

/** Partitions whose batches are handled at once (each partition's batches still in order). */
const PARTITIONS_AT_ONCE = 16;

/** Time given to HTTP requests in flight (long polls) when stopping, before connections are cut. */
const HTTP_DRAIN_MS = 5_000;

export async function startStream(config: StreamConfig, deps: StreamDeps): Promise<RunningStream> {
  const { log } = deps;
  const kafka = createKafka(config.kafka, { ...deps.kafka, log });
  const groupId = kafka.groupId(config.groupId);
  const registry = createMetricsRegistry({ service: "edm-stream" });
  const metrics = createStreamMetrics(registry);
  const consumer = kafka.consumer({
    metrics: registry,
    groupId: config.groupId,
    topics: [...EVENT_TOPICS],
    // A new group starts at the newest records: see consumer-group.ts.
    fromBeginning: false,
    // Each batch's offset commit is a round trip to the broker; one partition after another, a fetch
    // of six partitions made the last one's events wait for five commits before they were even framed.
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
  });

  // HTTP listens before Kafka is joined: Heroku kills a web dyno that has not bound $PORT within
  // 60 s, and /readyz reports "not ready" until the consumer has joined its group.
  const app = createApp({
    corsOrigins: config.corsOrigins,
    ready: () => ({ kafka: consumer.isRunning() }),
    log,
    metrics: { registry, token: config.metrics.token },
  });
  const http = await startHttpServer({ app, port: config.port, log });
  const io = createSocketServer(http.server, {
    corsOrigins: config.corsOrigins,
    maxDashboards: config.maxDashboards,
    log,
    onRefusedFull: metrics.refusedFull,
  });
  const broadcaster = createBroadcaster({
    io,
    log,
    maxQueued: config.clientMaxQueuedEvents,
    stallTimeoutMs: config.clientStallTimeoutMs,
  });
  metrics.watchBroadcasts(broadcaster.status);
  const frames = createFrameClock({ intervalMs: config.frameIntervalMs, send: broadcaster.broadcast });

  const closeDashboards = async () => {
    // Closing each connection (rather than sending socket.io's "disconnect") makes dashboards
    // reconnect by themselves, to another instance or to this one once it is back.
    frames.stop();
    io.engine.close();
    const ioClosed = io.close();
    await http.close(HTTP_DRAIN_MS);
    await ioClosed;
  };

  consumer.onCrash(({ error, restarting }) => {
    if (!restarting) deps.onConsumerLost?.(error);
  });
  try {
    await requireTopics(kafka, EVENT_TOPICS);
    await consumer.start(createBatchHandler({ broadcast: frames.add, log }));
  } catch (error) {
    await closeDashboards();
    throw error;
  }
  log.info(
    { groupId, instance: config.instance, topics: EVENT_TOPICS, url: http.url },
    `Streaming ${EVENT_TOPICS.join(" and ")} to dashboards, in consumer group "${groupId}"`,
  );

  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    status: () => ({
      instance: config.instance,
      groupId,
      consuming: consumer.isRunning(),
      ...broadcaster.status(),
    }),
    stop: () => {
      stopping ??= (async () => {
        await consumer.stop();
        await closeDashboards();
      })();
      return stopping;
    },
  };
}
