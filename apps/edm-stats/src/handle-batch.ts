import { type ConsumedBatch, type ConsumedRecord, traceIdOf } from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import type { Db } from "./db";
import type { DeadLetter, DeadLetterSink } from "./dead-letter";
import { type CountableEvent, decodeRecord } from "./decode";
import { storeIsolatingRefused } from "./isolate-refused";
import { type Backoff, retryWhileDatabaseFails } from "./retry-database";
import { type StoreOutcome, storeBatch } from "./store";

export interface BatchOutcome extends StoreOutcome {
  topic: string;
  partition: number;
  records: number;
  /** Records the decoder refused (not JSON, not a valid event), sent to the dead-letter topic. */
  invalid: number;
  /** Records PostgreSQL refused (a data or constraint error), sent to the dead-letter topic. */
  refused: number;
}

export interface BatchDeps {
  /** The consumer's own pool: its batches never wait behind HTTP queries. */
  db: Db;
  deadLetters: DeadLetterSink;
  log: Logger;
  /**
   * Runs right after the database commit, before anything else. Tests make it throw to stand for a crash
   * between the database commit and Kafka's offset commit.
   */
  afterCommit?: (outcome: BatchOutcome) => void | Promise<void>;
  now?: () => number;
  /** How long a batch waits between attempts while the database fails; see DATABASE_BACKOFF. */
  backoff?: Backoff;
}

export type BatchInput = Pick<ConsumedBatch, "topic" | "partition" | "records" | "heartbeat" | "signal">;

interface Decodable {
  record: ConsumedRecord;
  countable: CountableEvent;
}

/**
 * Handles one fetched batch. Resolving lets the consumer commit the batch's offsets, so everything that
 * must survive is durable first: the counts and the dead letters (acknowledged by Kafka). Throwing commits
 * nothing and Kafka delivers the batch again; the counts are then deduplicated, while a dead letter may be
 * written a second time (harmless: it is a copy for people to inspect, and its headers name the original
 * offset).
 *
 * No record stops the count: one the decoder refuses, or one PostgreSQL refuses (found by
 * storeIsolatingRefused), goes to the dead-letter topic and the rest is counted. No database fault
 * stops it either: the batch waits and retries (retryWhileDatabaseFails) until the database answers, the
 * consumer stops, or a rebalance hands the partition to another member.
 */
export async function handleBatch(deps: BatchDeps, batch: BatchInput): Promise<BatchOutcome> {
  const { db, deadLetters, log } = deps;
  const now = deps.now?.() ?? Date.now();
  const countable: Decodable[] = [];
  const invalid: DeadLetter[] = [];
  for (const record of batch.records) {
    const decoded = decodeRecord(record, now);
    if (decoded.ok) countable.push({ record, countable: decoded.countable });
    else invalid.push({ record, kind: "invalid", reason: decoded.reason });
  }

  const where = `${batch.topic}[${batch.partition}]`;
  const stored = await retryWhileDatabaseFails(
    () =>
      storeIsolatingRefused(
        countable,
        (part) =>
          storeBatch(
            db,
            part.map((item) => item.countable),
          ),
        batch.heartbeat,
      ),
    {
      where,
      log,
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
  logDeadLetters(log, "stats.record.invalid", invalid);
  logDeadLetters(log, "stats.record.refused", refused);
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
