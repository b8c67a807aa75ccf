import type { DeadLetterSink, KafkaClient } from "@edm/kafka";
import { type Db, endPool } from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import { EVENT_TOPICS } from "@edm/schema";
import type { Registry } from "prom-client";
import { type BatchDeps, handleBatch } from "./batch-handler";
import { createStatsPool, POOL_SIZES } from "./db";
import type { Generation } from "./generation";
import { type Pruning, scheduleStatsPruning } from "./prune";

/** 4 MiB: about 12,000 events of the relay's size per batch while catching up. */
export const FETCH_BYTES_PER_PARTITION = 4 * 1024 * 1024;

export interface CountingOptions {
  kafka: KafkaClient;
  generation: Generation;
  /** A DATABASE_URL whose search_path names the generation's schema (generationDatabaseUrl). */
  databaseUrl: string;
  deadLetters: DeadLetterSink;
  /** Where the consumer's metrics go (records, batches, handler time, rebalances, lag). */
  metrics?: Registry;
  log: Logger;
  sessionTimeoutMs: number;
  /** Forget old event keys, sessions and minutes in the background (live counting: yes; a rebuild: no). */
  pruning?: { dedupeRetentionMs: number };
  /** See BatchDeps.afterCommit. */
  afterCommit?: BatchDeps["afterCommit"];
  now?: () => number;
  /** The consumer crashed for good: this generation is counted no further here. */
  onConsumerLost?: (error: Error) => void;
}

/** One generation being counted: its consumer group feeding its tables, exactly once. */
export interface Counting {
  generation: Generation;
  isRunning(): boolean;
  /** Finishes the batch in hand (its counts and offsets committed), then closes the pool. */
  stop(): Promise<void>;
}

/**
 * Counts the event topics into one generation's tables with that generation's consumer group: the same
 * batch handler whoever runs it (a live instance or a rebuild), only the search_path and the group differ.
 * A new group starts from the oldest record Kafka retains.
 */
export async function startCounting(options: CountingOptions): Promise<Counting> {
  const { kafka, generation, log } = options;
  const db: Db = createStatsPool(options.databaseUrl, log, "consumer");
  const consumer = kafka.consumer({
    ...(options.metrics ? { metrics: options.metrics } : {}),
    groupId: generation.groupId,
    topics: [...EVENT_TOPICS],
    fromBeginning: true,
    sessionTimeoutMs: options.sessionTimeoutMs,
    // One batch per connection of the consumer's pool: while one waits on PostgreSQL, the next is decoded
    // and stored, and PostgreSQL works on both at once. Batches of one partition still go in order, and
    // concurrent batches lock the same rows in the same order (see store.ts), as two instances do.
    partitionsConsumedConcurrently: POOL_SIZES.consumer,
    // Each batch costs a transaction (and its commit's flush) and an offset commit whatever its size, and
    // the next fetch waits for the batches in hand: while catching up, fewer larger batches drain faster.
    maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
  });
  const stopListening = consumer.onCrash(({ error, restarting }) => {
    if (!restarting) options.onConsumerLost?.(error);
  });
  let pruning: Pruning | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopListening();
      await pruning?.stop();
      await consumer.stop();
      await endPool(db, log);
    })();
    return stopping;
  };

  const batchDeps: BatchDeps = {
    db,
    deadLetters: options.deadLetters,
    log,
    ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  try {
    await consumer.start(async (batch) => {
      await handleBatch(batchDeps, batch);
    });
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  // Background upkeep of the generation's tables: on the consumer's pool, never taking the API's connections.
  if (options.pruning) pruning = scheduleStatsPruning(db, log, options.pruning);
  return { generation, isRunning: consumer.isRunning, stop };
}
