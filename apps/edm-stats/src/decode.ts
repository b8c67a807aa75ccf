import type { ConsumedRecord } from "@edm/kafka";
import { decodeEventRecord, type EdmEvent } from "@edm/schema";

/** An event ready to be counted. */
export interface CountableEvent {
  /** Deduplication key: the event's `id`, or the record's place in Kafka when it has none. */
  key: string;
  event: EdmEvent;
  /**
   * When the event is counted as having happened, in ms since the epoch: the event's own
   * event_timestamp, but never later than Kafka's record timestamp (see @edm/schema's occurredAt).
   */
  occurredAt: number;
}

export type Decoded = { ok: true; countable: CountableEvent } | { ok: false; reason: string };

const PLACE_PREFIX = "kafka:";

/** Key of a record that carries no event id: its place in Kafka, which a redelivery repeats exactly. */
export function placeKey(record: Pick<ConsumedRecord, "topic" | "partition" | "offset">): string {
  return `${PLACE_PREFIX}${record.topic}:${record.partition}:${record.offset}`;
}

/** True for a placeKey; any other key is an event id, a UUID (lowercase: the schema lowercases ids). */
export function isPlaceKey(key: string): boolean {
  return key.startsWith(PLACE_PREFIX);
}

/**
 * Turns one Kafka record into an event to count, or says in words why it cannot be counted (the reason
 * travels with the dead letter). The rules are the shared record codec's; only the dedupe key is ours.
 */
export function decodeRecord(record: ConsumedRecord, now: number = Date.now()): Decoded {
  const decoded = decodeEventRecord(record, now);
  if (!decoded.ok) return decoded;
  const { event, occurredAt } = decoded;
  return { ok: true, countable: { key: event.id ?? placeKey(record), event, occurredAt } };
}
