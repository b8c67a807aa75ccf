import { countedDeadLetters, createKafka, type KafkaClient, kafkaDeadLetters } from "@edm/kafka";
import {
  checkDedupeCoversRetention,
  createPool,
  type Db,
  databaseAnswers,
  endPool,
  type PruneSchedule,
  type Pruning,
} from "@edm/postgres";
import { createMetricsRegistry, type Logger, type RunningHttpServer, startHttpServer } from "@edm/runtime";
import { DEAD_LETTER_TOPIC, EVENT_TOPICS } from "@edm/schema";
import { createApp } from "./app";
import { type BatchDeps, handleBatch } from "./batch-handler";
import type { FunnelConfig } from "./config";
import { APPLICATION, migrateFunnel } from "./migrate";
import { scheduleFunnelPruning } from "./prune";
import { readFunnel } from "./queries";

export interface FunnelDeps {
  log: Logger;
  /** Defaults to a client built from config.kafka. */
  kafka?: KafkaClient;
  /** See BatchDeps.afterCommit: tests stand a crash there. */
  afterCommit?: BatchDeps["afterCommit"];
  now?: () => number;
  /** Called when the Kafka consumer has crashed for good: this instance then handles nothing more. */
  onConsumerLost?: (error: Error) => void;
  /** When old keys and sessions are forgotten; tests prune at once. */
  pruneSchedule?: PruneSchedule;
}

export interface RunningFunnel {
  url: string;
  port: number;
  /** Finishes the batch in hand (its sessions and offsets committed), then closes HTTP and the database. */
  stop(): Promise<void>;
}

/**
 * Two small pools per instance (Heroku's smallest PostgreSQL plans allow 20 connections in all): the
 * consumer's batches never queue behind API reads, nor the reverse.
 */
const POOL_SIZES = { api: 2, consumer: 2 } as const;

/**
 * Starts edm-funnel: the migrations when asked, HTTP (the platform sees the port bound; /readyz says "not
 * yet"), the dead-letter producer, then the consumer joins its group. A failed start closes what was
 * opened and throws.
 */
export async function startFunnel(config: FunnelConfig, deps: FunnelDeps): Promise<RunningFunnel> {
  const { log } = deps;
  const kafka = deps.kafka ?? createKafka(config.kafka, { log });
  const pool = (purpose: keyof typeof POOL_SIZES): Db =>
    createPool(config.databaseUrl, {
      log,
      application: `${APPLICATION} ${purpose}`,
      max: POOL_SIZES[purpose],
      eventPrefix: "funnel",
    });
  const registry = createMetricsRegistry({ service: "edm-funnel" });
  const producer = kafka.producer();
  const consumer = kafka.consumer({
    metrics: registry,
    groupId: config.groupId,
    topics: [...EVENT_TOPICS],
    fromBeginning: config.fromBeginning,
  });
  const stopListening = consumer.onCrash(({ error, restarting }) => {
    if (!restarting) deps.onConsumerLost?.(error);
  });
  let apiDb: Db | undefined;
  let consumerDb: Db | undefined;
  let http: RunningHttpServer | undefined;
  let pruning: Pruning | undefined;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopListening();
      await pruning?.stop();
      // In parallel: the consumer finishes its batch in hand while the HTTP server drains its requests.
      await Promise.all([consumer.stop(), http?.close(5_000)]);
      await producer.disconnect();
      await Promise.all([apiDb && endPool(apiDb, log), consumerDb && endPool(consumerDb, log)]);
    })();
    return stopping;
  };

  try {
    if (config.migrateOnStart) await migrateFunnel({ databaseUrl: config.databaseUrl, log });
    const readDb = pool("api");
    apiDb = readDb;
    const app = createApp({
      readFunnel: (hours) => readFunnel(readDb, hours, deps.now?.()),
      ready: async () => ({ kafka: consumer.isRunning(), database: await databaseAnswers(readDb) }),
      corsOrigins: config.corsOrigins,
      log,
      metrics: { registry, token: config.metrics.token },
    });
    http = await startHttpServer({ app, port: config.port, log });
    await checkDedupeCoversRetention(kafka, EVENT_TOPICS, config.dedupeRetentionMs, {
      log,
      service: "edm-funnel",
      eventPrefix: "funnel",
    });
    await producer.connect();
    const writeDb = pool("consumer");
    consumerDb = writeDb;
    const batchDeps: BatchDeps = {
      db: writeDb,
      deadLetters: countedDeadLetters(
        kafkaDeadLetters(producer, { topic: DEAD_LETTER_TOPIC, consumer: config.groupId }),
        registry,
        config.groupId,
      ),
      log,
      ...(deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    };
    await consumer.start(async (batch) => {
      await handleBatch(batchDeps, batch);
    });
    // On the consumer's pool: upkeep never takes the API's connections.
    pruning = scheduleFunnelPruning(
      writeDb,
      log,
      { dedupeRetentionMs: config.dedupeRetentionMs },
      deps.pruneSchedule,
    );
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  log.info(
    { groupId: config.groupId, topics: EVENT_TOPICS, url: http.url },
    `edm-funnel is adding ${EVENT_TOPICS.join(" and ")} to its sessions in consumer group "${config.groupId}"`,
  );
  return { url: http.url, port: http.port, stop };
}
