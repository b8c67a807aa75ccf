// Kafka topic names of the original apps; clients put them in `topic`, so they are part of the wire format.

export const TOPICS = {
  click: "edm-ui-click",
  pageload: "edm-ui-pageload",
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const EVENT_TOPICS: readonly [Topic, ...Topic[]] = [TOPICS.click, TOPICS.pageload];

export function isTopic(value: unknown): value is Topic {
  return (EVENT_TOPICS as readonly unknown[]).includes(value);
}

/**
 * Where consumers put records they cannot handle (not JSON, or not a valid event), with the reason in
 * the record's headers, so one bad record never stops a consumer and nothing is silently dropped.
 */
export const DEAD_LETTER_TOPIC = "edm-dead-letter";

/** Every topic the system needs; created by the local scripts, by the Heroku CLI in production. */
export const ALL_TOPICS: readonly string[] = [...EVENT_TOPICS, DEAD_LETTER_TOPIC];
