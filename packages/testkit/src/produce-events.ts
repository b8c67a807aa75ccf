import type { KafkaProducer, OutgoingRecord } from "@edm/kafka";
import { type EdmEvent, EVENT_TOPICS } from "@edm/schema";

/** An event as the relay writes it: keyed by session, so a session's events share a partition. */
export function asRecord(event: EdmEvent): OutgoingRecord {
  return { key: event.uuid, value: JSON.stringify(event) };
}

/**
 * Writes events to their topics as the relay does, in produce requests of at most `chunk` events (all in one
 * request by default, so a consumer may see them in one batch).
 */
export async function produceEvents(
  producer: KafkaProducer,
  events: readonly EdmEvent[],
  chunk = Math.max(1, events.length),
): Promise<void> {
  for (let start = 0; start < events.length; start += chunk) {
    const part = events.slice(start, start + chunk);
    await producer.sendBatch(
      EVENT_TOPICS.map((topic) => ({
        topic,
        records: part.filter((event) => event.topic === topic).map(asRecord),
      })),
    );
  }
}
