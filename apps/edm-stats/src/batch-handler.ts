import type { DeadLetterSink } from "@edm/kafka";
import {
  type BatchInput,
  type BatchOutcome,
  type Db,
  type StoreOnceDeps,
  storeBatchOnce,
} from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import { type CountableEvent, decodeRecord } from "./decode";
import { storeBatch } from "./store";

export type { BatchOutcome } from "@edm/postgres";

export interface BatchDeps {
  /** The consumer's own pool: its batches never wait behind HTTP queries. */
  db: Db;
  deadLetters: DeadLetterSink;
  log: Logger;
  /** See StoreOnceDeps.afterCommit: tests stand a crash there. */
  afterCommit?: StoreOnceDeps<CountableEvent>["afterCommit"];
  now?: () => number;
  /** How long a batch waits between attempts while the database fails; see DATABASE_BACKOFF. */
  backoff?: StoreOnceDeps<CountableEvent>["backoff"];
}

/**
 * Counts one fetched batch exactly once (storeBatchOnce: invalid and refused records dead-lettered,
 * database faults waited out); resolving lets the consumer commit the batch's offsets.
 */
export function handleBatch({ db, ...deps }: BatchDeps, batch: BatchInput): Promise<BatchOutcome> {
  return storeBatchOnce<CountableEvent>(
    {
      ...deps,
      eventPrefix: "stats",
      decode: (record, now) => {
        const decoded = decodeRecord(record, now);
        return decoded.ok ? { ok: true, item: decoded.countable } : decoded;
      },
      store: (events) => storeBatch(db, events),
    },
    batch,
  );
}
