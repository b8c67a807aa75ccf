import { type EdmEvent, EVENT_TOPICS, type Topic } from "@edm/schema";
import type { BatchItem } from "./batcher";

/** Header carrying the event's id, so tools and consumers can see it without parsing the value. */
export const EVENT_ID_HEADER = "edm-event-id";

export type IdentifiedEvent = EdmEvent & { id: string };

/**
 * The topic an event is written to: always one of the relay's own topic names, picked by the event's
 * type. The client's `topic` text only selects among them; it is never used as a topic name itself
 * (the original relay wrote to whatever topic a client named).
 */
export function topicFor(event: EdmEvent): Topic {
  const topic = EVENT_TOPICS.find((known) => known === event.topic);
  if (!topic) throw new Error(`no topic for events of type ${JSON.stringify(event.topic)}`);
  return topic;
}

/**
 * The Kafka record of a validated event: keyed by session (`uuid`), so all events of one visit land
 * on one partition and stay in order; the value is the event as JSON, with its id.
 */
export function toBatchItem(event: IdentifiedEvent): BatchItem {
  return {
    topic: topicFor(event),
    record: {
      key: event.uuid,
      value: JSON.stringify(event),
      headers: { [EVENT_ID_HEADER]: event.id },
    },
  };
}
