import type { ConsumedRecord } from "@edm/kafka";
import { type EdmEvent, parseEvent } from "@edm/schema";

export type DecodedRecord = { ok: true; event: EdmEvent } | { ok: false; reason: string };

/**
 * Turns a Kafka record into an event for the dashboards, or says in words why it is not one.
 * Never throws: a bad record must never stop the stream (edm-stats dead-letters it; we only skip it).
 * Browsers receive only events that pass the shared schema, never arbitrary bytes from the topic.
 */
export function decodeRecord(record: ConsumedRecord): DecodedRecord {
  if (record.value === null) return { ok: false, reason: "the record has no value (a tombstone)" };
  let input: unknown;
  try {
    input = JSON.parse(record.value.toString("utf8"));
  } catch {
    return { ok: false, reason: "the record value is not valid JSON" };
  }
  const parsed = parseEvent(input);
  if (!parsed.ok) {
    const problems = parsed.errors.map((error) => `${error.path || "(event)"} ${error.message}`);
    return { ok: false, reason: `the record is not a valid event: ${problems.join("; ")}` };
  }
  // The relay writes each event to the topic of its type; a mismatch means a foreign producer.
  if (parsed.event.topic !== record.topic) {
    return {
      ok: false,
      reason: `the event says topic "${parsed.event.topic}" but arrived on "${record.topic}"`,
    };
  }
  return { ok: true, event: parsed.event };
}
