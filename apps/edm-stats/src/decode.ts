import type { ConsumedRecord } from "@edm/kafka";
import { type EdmEvent, parseEvent } from "@edm/schema";

/** An event ready to be counted. */
export interface CountableEvent {
  /** Deduplication key: the event's `id`, or the record's place in Kafka when it has none. */
  key: string;
  event: EdmEvent;
  /**
   * When the event is counted as having happened, in ms since the epoch: the event's own
   * event_timestamp, but never later than Kafka's record timestamp. See occurredAt().
   */
  occurredAt: number;
}

export type Decoded = { ok: true; countable: CountableEvent } | { ok: false; reason: string };

/** How many field errors a dead letter's reason quotes; the rest are summed up. */
const REASONS_QUOTED = 5;

/**
 * Buckets follow the event's own clock (event_timestamp): it says when the visitor acted, and it stays
 * right for events that reach us late (a consumer catching up after an outage, a replay), which Kafka's
 * timestamp would put in the wrong minute or day. A client clock running fast, though, would put events in
 * minutes that have not happened yet and hide them from the live series, so the time is capped at the
 * record's timestamp (set when the relay wrote it, on the server's clock): an event cannot have happened
 * after the relay received it. The result depends only on the record, so a redelivery buckets the same.
 */
export function occurredAt(eventTimestamp: number, recordTimestamp: number): number {
  return Number.isSafeInteger(recordTimestamp) && recordTimestamp > 0
    ? Math.min(eventTimestamp, recordTimestamp)
    : eventTimestamp;
}

/** Key of a record that carries no event id: its place in Kafka, which a redelivery repeats exactly. */
export function placeKey(record: Pick<ConsumedRecord, "topic" | "partition" | "offset">): string {
  return `kafka:${record.topic}:${record.partition}:${record.offset}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Turns one Kafka record into an event to count, or says in words why it cannot be counted (the reason
 * travels with the dead letter). Reasons never quote the record's content: it may be huge or personal.
 */
export function decodeRecord(record: ConsumedRecord, now: number = Date.now()): Decoded {
  if (record.value === null || record.value.length === 0) {
    return { ok: false, reason: "the record has no value (an empty record or a tombstone)" };
  }
  const json = parseJson(record.value.toString("utf8"));
  if (!json.ok) {
    return { ok: false, reason: `the value (${record.value.length} bytes) is not valid JSON` };
  }
  // The relay checked the timestamp against its clock when the record was written; checking against the
  // later of that moment and ours means a record is never refused for having waited in Kafka.
  const parsed = parseEvent(json.value, { now: Math.max(now, record.timestamp || 0) });
  if (!parsed.ok) {
    const quoted = parsed.errors
      .slice(0, REASONS_QUOTED)
      .map((error) => `${error.path || "the event"} ${error.message}`);
    const more = parsed.errors.length - quoted.length;
    const rest = more > 0 ? `; and ${more} more problem(s)` : "";
    return { ok: false, reason: `the value is not a valid event: ${quoted.join("; ")}${rest}` };
  }
  const event = parsed.event;
  if (event.topic !== record.topic) {
    return {
      ok: false,
      reason: `the event says topic "${event.topic}" but was written to "${record.topic}"; producers write each event to the topic of its type`,
    };
  }
  return {
    ok: true,
    countable: {
      key: event.id ?? placeKey(record),
      event,
      occurredAt: occurredAt(event.event_timestamp, record.timestamp),
    },
  };
}
