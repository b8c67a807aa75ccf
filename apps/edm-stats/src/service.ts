import { createKafka, type KafkaClient, type KafkaConsumer, withTimeout } from "@edm/kafka";
import { createMetricsRegistry, type Logger, type RunningHttpServer, startHttpServer } from "@edm/runtime";
import { EVENT_TOPICS } from "@edm/schema";
import { createApp } from "./app";
import type { StatsConfig } from "./config";
import { createPool, type Db, databaseAnswers } from "./db";
import { type DeadLetterSink, kafkaDeadLetters } from "./dead-letter";
import { countedDeadLetters } from "./dead-letter-metrics";
import { type BatchDeps, handleBatch } from "./handle-batch";
import { migrate } from "./migrate";
import { createPipelineMonitor } from "./pipeline-monitor";
import { type Pruning, schedulePruning } from "./prune";
import { createQueries } from "./queries";
import { checkDedupeCoversRetention } from "./retention-check";

export interface StatsDeps {
  log: Logger;
  /** Defaults to a client built from config.kafka. */
  kafka?: KafkaClient;
  /** See BatchDeps.afterCommit: tests stand a crash there. */
  afterCommit?: BatchDeps["afterCommit"];
  now?: () => number;
  /** Called when the Kafka consumer has crashed for good: this instance then counts nothing. */
  onConsumerLost?: (error: Error) => void;
}

export interface RunningStats {
  url: string;
  port: number;
  /** Finishes the batch in hand (its counts and offsets committed), then closes HTTP and the database. */
  stop(): Promise<void>;
}

/**
 * Starts edm-stats: HTTP first (so the platform sees the port bound and /readyz says "not yet" while the
 * consumer joins its group), then the check that DEDUPE_RETENTION covers the topics' retention, then the
 * dead-letter producer and the consumer. A failed start closes what was opened and throws.
 */
export async function startStats(config: StatsConfig, deps: StatsDeps): Promise<RunningStats> {
  const { log } = deps;
  // Two pools: the consumer's batches never queue behind HTTP queries (see POOL_SIZES).
  const apiDb = createPool(config.databaseUrl, log, "api");
  const consumerDb = createPool(config.databaseUrl, log, "consumer");
  const kafka = deps.kafka ?? createKafka(config.kafka, { log });
  const producer = kafka.producer();
  const registry = createMetricsRegistry({ service: "edm-stats" });
  const consumer = kafka.consumer({
    metrics: registry,
    groupId: config.groupId,
    topics: [...EVENT_TOPICS],
    // A new group counts what Kafka still retains rather than only what arrives from now on.
    fromBeginning: true,
    sessionTimeoutMs: config.sessionTimeoutMs,
  });
  let http: RunningHttpServer | undefined;
  let pruning: Pruning | undefined;
  const lagReader = kafka.groupLagReader();

  consumer.onCrash(({ error, restarting }) => {
    if (!restarting) deps.onConsumerLost?.(error);
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await pruning?.stop();
      // In parallel: the consumer finishes its batch in hand while the HTTP server drains its requests.
      await Promise.all([consumer.stop(), http?.close(5_000)]);
      await Promise.all([producer.disconnect(), lagReader.disconnect()]);
      await Promise.all([endPool(apiDb, log), endPool(consumerDb, log)]);
    })();
    return stopping;
  };

  try {
    if (config.migrateOnStart) await migrate({ databaseUrl: config.databaseUrl, log });
    const queries = createQueries(apiDb, deps.now);
    const ready = async () => ({ kafka: consumer.isRunning(), database: await databaseAnswers(apiDb) });
    const pipeline = createPipelineMonitor({
      reader: lagReader,
      statsGroup: config.groupId,
      ready,
      urls: config.pipeline,
      log,
    });
    const metrics = { registry, token: config.metrics.token };
    const app = createApp({ queries, ready, corsOrigins: config.corsOrigins, log, metrics, pipeline });
    http = await startHttpServer({ app, port: config.port, log });
    await checkDedupeCoversRetention(kafka, EVENT_TOPICS, config.dedupeRetentionMs, log);
    await producer.connect();
    await startConsuming(
      consumer,
      countedDeadLetters(kafkaDeadLetters(producer, config.groupId), registry, config.groupId),
      consumerDb,
      deps,
    );
    // Background upkeep of the consumer's tables: on the consumer's pool, never taking the API's connections.
    pruning = schedulePruning(consumerDb, log, { dedupeRetentionMs: config.dedupeRetentionMs });
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  log.info(
    { groupId: config.groupId, topics: EVENT_TOPICS, url: http.url },
    "edm-stats is counting events and serving statistics",
  );
  return { url: http.url, port: http.port, stop };
}

async function startConsuming(
  consumer: KafkaConsumer,
  deadLetters: DeadLetterSink,
  db: Db,
  deps: StatsDeps,
): Promise<void> {
  const batchDeps: BatchDeps = {
    db,
    deadLetters,
    log: deps.log,
    ...(deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  };
  await consumer.start(async (batch) => {
    await handleBatch(batchDeps, batch);
  });
}

/** pool.end() waits for connections in use; a batch abandoned by a timed-out stop must not hang the exit. */
async function endPool(db: Db, log: Logger): Promise<void> {
  try {
    await withTimeout(db.end(), 5_000, "Closing the PostgreSQL pool");
  } catch (err) {
    log.warn({ err }, "the PostgreSQL pool did not close in time; exiting anyway");
  }
}
