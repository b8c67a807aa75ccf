import type { ConsumedRecord } from "@edm/kafka";
import type { Decoded } from "@edm/postgres";
import { decodeEventRecord, funnelStepOf } from "@edm/schema";
import type { FunnelEvent } from "./funnel";

/** An event ready for the funnel, with the key that makes storing it idempotent. */
export interface KeyedFunnelEvent extends FunnelEvent {
  /** Deduplication key: the event's `id`, or the record's place in Kafka when it has none. */
  key: string;
}

/**
 * One Kafka record to a funnel event: its visitor (the session id on the wire, `uuid`), when it happened
 * (@edm/schema's occurredAt) and its step (funnelStepOf); or why it is not a valid event.
 */
export function decodeFunnelRecord(record: ConsumedRecord, now: number): Decoded<KeyedFunnelEvent> {
  const decoded = decodeEventRecord(record, now);
  if (!decoded.ok) return decoded;
  const { event, occurredAt } = decoded;
  return {
    ok: true,
    item: {
      key: event.id ?? `kafka:${record.topic}:${record.partition}:${record.offset}`,
      visitor: event.uuid,
      at: occurredAt,
      step: funnelStepOf(event),
    },
  };
}
