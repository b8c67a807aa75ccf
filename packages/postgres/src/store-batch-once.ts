import {
  type ConsumedBatch,
  type ConsumedRecord,
  type DeadLetter,
  type DeadLetterSink,
  traceIdOf,
} from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import type { Db } from "./db";
import { type StoreOutcome, storeIsolatingRefused } from "./isolate-refused";
import { type Backoff, retryWhileDatabaseFails } from "./retry-database";

export interface BatchOutcome extends StoreOutcome {
  topic: string;
  partition: number;
  records: number;
  /** Records the decoder refused (not JSON, not a valid event), sent to the dead-letter topic. */
  invalid: number;
  /** Records PostgreSQL refused (a data or constraint error), sent to the dead-letter topic. */
  refused: number;
}

export type Decoded<T> = { ok: true; item: T } | { ok: false; reason: string };

export interface StoreOnceDeps<T> {
  /** One record to an item to store, or why it cannot be (the reason travels with the dead letter). */
  decode: (record: ConsumedRecord, now: number) => Decoded<T>;
  /**
   * Stores the items in ONE transaction, idempotently: their dedupe keys are claimed in the same transaction
   * as what they add, so items stored before (a redelivery) add nothing.
   */
  store: (items: readonly T[]) => Promise<StoreOutcome>;
  deadLetters: DeadLetterSink;
  log: Logger;
  /** Prefix of the log events: "stats" logs `stats.record.invalid`, `stats.database.unreachable`, … */
  eventPrefix: string;
  /**
   * Runs right after the database commit, before anything else. Tests make it throw to stand for a crash
   * between the database commit and Kafka's offset commit.
   */
  afterCommit?: (outcome: BatchOutcome) => void | Promise<void>;
  now?: () => number;
  /** How long a batch waits between attempts while the database fails; see DATABASE_BACKOFF. */
  backoff?: Backoff;
}

/**
 * What a consumer's batch handler is given: the consumer's own pool (its batches never wait behind HTTP
 * queries) and storeBatchOnce's options that do not depend on what it stores.
 */
export type BatchHandlerDeps<T> = Omit<StoreOnceDeps<T>, "decode" | "store" | "eventPrefix"> & { db: Db };

export type BatchInput = Pick<ConsumedBatch, "topic" | "partition" | "records" | "heartbeat" | "signal">;

/**
 * Handles one fetched batch, exactly once into PostgreSQL. Resolving lets the consumer commit the batch's
 * offsets, so everything that must survive is durable first: the stored items and the dead letters
 * (acknowledged by Kafka). Throwing commits nothing and Kafka delivers the batch again; `store` then finds
 * the items' keys taken, while a dead letter may be written a second time (harmless: it is a copy for
 * people to inspect, and its headers name the original offset).
 *
 * No record stops the consumer: one the decoder refuses, or one PostgreSQL refuses (found by
 * storeIsolatingRefused), goes to the dead-letter topic and the rest is stored. No database fault stops
 * it either: the batch waits and retries (retryWhileDatabaseFails) until the database answers, the
 * consumer stops, or a rebalance hands the partition to another member.
 */
export async function storeBatchOnce<T>(deps: StoreOnceDeps<T>, batch: BatchInput): Promise<BatchOutcome> {
  const { deadLetters, log, eventPrefix } = deps;
  const now = deps.now?.() ?? Date.now();
  const decoded: { record: ConsumedRecord; item: T }[] = [];
  const invalid: DeadLetter[] = [];
  for (const record of batch.records) {
    const result = deps.decode(record, now);
    if (result.ok) decoded.push({ record, item: result.item });
    else invalid.push({ record, kind: "invalid", reason: result.reason });
  }

  const where = `${batch.topic}[${batch.partition}]`;
  const stored = await retryWhileDatabaseFails(
    () => storeIsolatingRefused(decoded, (part) => deps.store(part.map(({ item }) => item)), batch.heartbeat),
    {
      where,
      log,
      eventPrefix,
      signal: batch.signal,
      heartbeat: batch.heartbeat,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
    },
  );
  const refused: DeadLetter[] = stored.refused.map(({ item, reason }) => ({
    record: item.record,
    kind: "refused",
    reason: `PostgreSQL refused it: ${reason}`,
  }));
  const outcome: BatchOutcome = {
    topic: batch.topic,
    partition: batch.partition,
    records: batch.records.length,
    invalid: invalid.length,
    refused: refused.length,
    counted: stored.counted,
    duplicates: stored.duplicates,
  };
  await deps.afterCommit?.(outcome);

  await deadLetters.send([...invalid, ...refused]);
  logDeadLetters(log, `${eventPrefix}.record.invalid`, invalid);
  logDeadLetters(log, `${eventPrefix}.record.refused`, refused);
  if (stored.duplicates > 0) {
    log.info(
      { event: `${eventPrefix}.batch.duplicates`, ...outcome },
      `${stored.duplicates} event(s) on ${batch.topic} were counted before (redelivered or sent twice); not counted again`,
    );
  }
  log.debug(
    { event: `${eventPrefix}.batch.counted`, ...outcome },
    `counted ${stored.counted} event(s) from ${batch.topic}`,
  );
  return outcome;
}

function logDeadLetters(log: Logger, event: string, letters: readonly DeadLetter[]): void {
  for (const { record, reason } of letters) {
    log.warn(
      {
        event,
        reason,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        trace_id: traceIdOf(record.headers),
      },
      `a record on ${record.topic} could not be counted and was moved to the dead-letter topic: ${reason}`,
    );
  }
}
