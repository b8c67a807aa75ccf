import type { DeadLetterSink } from "@edm/kafka";
import {
  type BatchInput,
  type BatchOutcome,
  type Db,
  type StoreOnceDeps,
  storeBatchOnce,
} from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import { decodeFunnelRecord, type KeyedFunnelEvent } from "./decode";
import { storeFunnelBatch } from "./store";

export interface BatchDeps {
  /** The consumer's own pool: its batches never wait behind HTTP queries. */
  db: Db;
  deadLetters: DeadLetterSink;
  log: Logger;
  /** See StoreOnceDeps.afterCommit: tests stand a crash there. */
  afterCommit?: StoreOnceDeps<KeyedFunnelEvent>["afterCommit"];
  now?: () => number;
}

/**
 * Adds one fetched batch to the sessions exactly once (storeBatchOnce: invalid and refused records
 * dead-lettered, database faults waited out); resolving lets the consumer commit the batch's offsets.
 */
export function handleBatch({ db, ...deps }: BatchDeps, batch: BatchInput): Promise<BatchOutcome> {
  return storeBatchOnce<KeyedFunnelEvent>(
    {
      ...deps,
      eventPrefix: "funnel",
      decode: decodeFunnelRecord,
      store: (events) => storeFunnelBatch(db, events),
    },
    batch,
  );
}
