import type { EdmEvent } from "./event";
import type { FieldError } from "./field-errors";
import { parseEvent } from "./parse";
import { EVENT_TOPICS, type Topic } from "./topics";

// How an event travels in Kafka, written once: the relay encodes with encodeEventRecord, and every consumer
// (edm-stats, edm-stream, any future one) decodes with decodeEventRecord, so all apply the same rules to
// what they read. A record may come from any producer, not only the relay, so decoding re-checks it all.

/** Header carrying the event's id, so tools and consumers can see it without parsing the value. */
export const EVENT_ID_HEADER = "edm-event-id";

export type IdentifiedEvent = EdmEvent & { id: string };

/** A record to write: the topic it goes to and what it holds. */
export interface EncodedEventRecord {
  topic: Topic;
  record: { key: string; value: string; headers: Record<string, string> };
}

/** What decoding needs of a consumed record; @edm/kafka's ConsumedRecord has it. */
export interface RecordToDecode {
  /** Logical topic name the record was read from. */
  topic: string;
  value: Uint8Array | null;
  /** Milliseconds since the epoch at which the record was written (0 or less when unknown). */
  timestamp: number;
}

export type DecodedEventRecord =
  | {
      ok: true;
      event: EdmEvent;
      /** When the event counts as having happened, in ms since the epoch; see occurredAt(). */
      occurredAt: number;
    }
  | { ok: false; reason: string };

/** Field errors a reason quotes; the rest are summed up. */
const REASONS_QUOTED = 5;

/** Longest reason: it travels in dead-letter headers and log lines. */
export const MAX_REASON_LENGTH = 1_000;

/**
 * The topic an event is written to: always one of the system's own topic names, picked by the event's
 * type. The client's `topic` text only selects among them; it is never used as a topic name itself
 * (the original relay wrote to whatever topic a client named).
 */
export function topicFor(event: EdmEvent): Topic {
  const topic = EVENT_TOPICS.find((known) => known === event.topic);
  if (!topic) throw new Error(`no topic for events of type ${JSON.stringify(event.topic)}`);
  return topic;
}

/**
 * The Kafka record of a validated event: keyed by session (`uuid`), so all events of one visit land on
 * one partition and stay in order; the value is the event as JSON, with its id also in a header.
 * `headers` are added beside it: the relay passes W3C trace context (`traceparent`), so every consumer
 * continues the trace of the request that brought the event.
 */
export function encodeEventRecord(
  event: IdentifiedEvent,
  headers: Readonly<Record<string, string>> = {},
): EncodedEventRecord {
  return {
    topic: topicFor(event),
    record: {
      key: event.uuid,
      value: JSON.stringify(event),
      headers: { ...headers, [EVENT_ID_HEADER]: event.id },
    },
  };
}

/**
 * Buckets follow the event's own clock (event_timestamp): it says when the visitor acted, and it stays
 * right for events that reach a consumer late (catching up after an outage, a replay), which Kafka's
 * timestamp would put in the wrong minute or day. A client clock running fast, though, would put events in
 * minutes that have not happened yet, so the time is capped at the record's timestamp (set when the relay
 * wrote it, on the server's clock): an event cannot have happened after the relay received it. The result
 * depends only on the record, so a redelivery gives the same answer.
 */
export function occurredAt(eventTimestamp: number, recordTimestamp: number): number {
  return hasTimestamp(recordTimestamp) ? Math.min(eventTimestamp, recordTimestamp) : eventTimestamp;
}

function hasTimestamp(timestamp: number): boolean {
  return Number.isSafeInteger(timestamp) && timestamp > 0;
}

// fatal: bytes that are not UTF-8 are refused rather than silently replaced with U+FFFD.
const utf8 = new TextDecoder("utf-8", { fatal: true });

function readJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: `the value (${bytes.length} bytes) is not valid UTF-8 text` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: `the value (${bytes.length} bytes) is not valid JSON` };
  }
}

/** Cut to MAX_REASON_LENGTH, never between the two halves of a surrogate pair. */
function clip(reason: string): string {
  if (reason.length <= MAX_REASON_LENGTH) return reason;
  let end = MAX_REASON_LENGTH - 3;
  if (/[\uD800-\uDBFF]/.test(reason.charAt(end - 1))) end -= 1;
  return `${reason.slice(0, end)}...`;
}

/** Field errors name fields and say what is wrong; the schema's messages never echo a value in full. */
function invalidEventReason(errors: readonly FieldError[]): string {
  const quoted = errors
    .slice(0, REASONS_QUOTED)
    .map((error) => `${error.path || "the event"} ${error.message}`);
  const more = errors.length - quoted.length;
  const rest = more > 0 ? `; and ${more} more problem(s)` : "";
  return clip(`the value is not a valid event: ${quoted.join("; ")}${rest}`);
}

/**
 * Turns a consumed record into a valid event, or says in words why it is not one (the reason is meant for
 * a dead letter or a log line: bounded, and it never quotes the record's content). Never throws.
 * `now` is the consumer's clock; the schema's "not too far in the future" check uses the later of it and
 * the record's timestamp, so a record is never refused for having waited in Kafka.
 */
export function decodeEventRecord(record: RecordToDecode, now: number = Date.now()): DecodedEventRecord {
  if (record.value === null || record.value.length === 0) {
    return { ok: false, reason: "the record has no value (an empty record or a tombstone)" };
  }
  const json = readJson(record.value);
  if (!json.ok) return json;
  const clock = hasTimestamp(record.timestamp) ? Math.max(now, record.timestamp) : now;
  const parsed = parseEvent(json.value, { now: clock });
  if (!parsed.ok) return { ok: false, reason: invalidEventReason(parsed.errors) };
  const event = parsed.event;
  if (event.topic !== record.topic) {
    return {
      ok: false,
      reason: clip(
        `the event says topic ${JSON.stringify(event.topic)} but was written to ${JSON.stringify(record.topic)}; producers write each event to the topic of its type`,
      ),
    };
  }
  return { ok: true, event, occurredAt: occurredAt(event.event_timestamp, record.timestamp) };
}
