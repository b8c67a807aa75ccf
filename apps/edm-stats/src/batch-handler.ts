import { type BatchHandlerDeps, type BatchInput, type BatchOutcome, storeBatchOnce } from "@edm/postgres";
import { type CountableEvent, decodeRecord } from "./decode";
import { storeBatch } from "./store";

export type { BatchOutcome } from "@edm/postgres";

export type BatchDeps = BatchHandlerDeps<CountableEvent>;

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
