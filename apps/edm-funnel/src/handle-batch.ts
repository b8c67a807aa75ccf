import { type ConsumedBatch, traceIdOf } from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import { decodeEventRecord } from "@edm/schema";

/** Valid events seen per topic, since this instance started. */
export type EventCounts = Map<string, number>;

export interface BatchDeps {
  counts: EventCounts;
  log: Logger;
  now?: () => number;
}

/**
 * Handles one fetched batch: counts its valid events per topic. An invalid record is logged and skipped.
 * Resolving lets the consumer commit the batch's offsets: keep anything that must survive durable first.
 */
export async function handleBatch(
  { counts, log, now = Date.now }: BatchDeps,
  batch: Pick<ConsumedBatch, "topic" | "records">,
): Promise<void> {
  for (const record of batch.records) {
    const decoded = decodeEventRecord(record, now());
    if (decoded.ok) {
      counts.set(record.topic, (counts.get(record.topic) ?? 0) + 1);
      continue;
    }
    log.warn(
      {
        event: "funnel.record.invalid",
        reason: decoded.reason,
        topic: record.topic,
        offset: record.offset,
        trace_id: traceIdOf(record.headers),
      },
      `skipped a record on ${record.topic} that is not a valid event: ${decoded.reason}`,
    );
  }
}
