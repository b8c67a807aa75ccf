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
