import type { ConsumedBatch } from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import type { Db } from "./db";
import type { DeadLetter, DeadLetterSink } from "./dead-letter";
import { type CountableEvent, decodeRecord } from "./decode";
import { type StoreOutcome, storeBatch } from "./store";

export interface BatchOutcome extends StoreOutcome {
  topic: string;
  partition: number;
  records: number;
  /** Records sent to the dead-letter topic. */
  invalid: number;
}

export interface BatchDeps {
  db: Db;
  deadLetters: DeadLetterSink;
  log: Logger;
  /**
   * Runs right after the database commit, before anything else. Tests make it throw to stand for a crash
   * between the database commit and Kafka's offset commit.
   */
  afterCommit?: (outcome: BatchOutcome) => void | Promise<void>;
  now?: () => number;
}

export type BatchInput = Pick<ConsumedBatch, "topic" | "partition" | "records">;

/**
 * Handles one fetched batch. Resolving lets the consumer commit the batch's offsets, so everything that
 * must survive is durable first: the counts (one transaction, see storeBatch) and the dead letters
 * (acknowledged by Kafka). Throwing commits nothing and Kafka delivers the batch again; the counts are
 * then deduplicated, while a dead letter may be written a second time (harmless: it is a copy for people
 * to inspect, and its headers name the original offset).
 */
export async function handleBatch(deps: BatchDeps, batch: BatchInput): Promise<BatchOutcome> {
  const { db, deadLetters, log } = deps;
  const now = deps.now?.() ?? Date.now();
  const countable: CountableEvent[] = [];
  const invalid: DeadLetter[] = [];
  for (const record of batch.records) {
    const decoded = decodeRecord(record, now);
    if (decoded.ok) countable.push(decoded.countable);
    else invalid.push({ record, reason: decoded.reason });
  }

  const stored = await storeBatch(db, countable);
  const outcome: BatchOutcome = {
    topic: batch.topic,
    partition: batch.partition,
    records: batch.records.length,
    invalid: invalid.length,
    ...stored,
  };
  await deps.afterCommit?.(outcome);

  await deadLetters.send(invalid);
  for (const { record, reason } of invalid) {
    log.warn(
      {
        event: "stats.record.invalid",
        reason,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
      },
      `a record on ${record.topic} could not be counted and was moved to the dead-letter topic: ${reason}`,
    );
  }
  if (stored.duplicates > 0) {
    log.info(
      { event: "stats.batch.duplicates", ...outcome },
      `${stored.duplicates} event(s) on ${batch.topic} were counted before (redelivered or sent twice); not counted again`,
    );
  }
  log.debug(
    { event: "stats.batch.counted", ...outcome },
    `counted ${stored.counted} event(s) from ${batch.topic}`,
  );
  return outcome;
}
