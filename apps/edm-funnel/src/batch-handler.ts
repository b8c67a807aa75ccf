import { type BatchHandlerDeps, type BatchInput, type BatchOutcome, storeBatchOnce } from "@edm/postgres";
import { decodeFunnelRecord, type KeyedFunnelEvent } from "./decode";
import { storeFunnelBatch } from "./store";

export type BatchDeps = BatchHandlerDeps<KeyedFunnelEvent>;

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
