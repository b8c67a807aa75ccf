import { randomUUID } from "node:crypto";
import type { ConsumedRecord } from "@edm/kafka";
import type { ClickEvent, PageloadEvent } from "@edm/schema";

// Valid events for tests, each with its session and a sequence number (an extra text property) so a
// test can check order per session.

export function click(session: string, seq = 0, extra: Partial<ClickEvent> = {}): ClickEvent {
  return {
    topic: "edm-ui-click",
    uuid: session,
    event_timestamp: Date.now(),
    properties: { button_id: "the-chemex-kit", description: "button click", seq: String(seq) },
    ...extra,
  };
}

export function pageload(session: string, seq = 0): PageloadEvent {
  return {
    topic: "edm-ui-pageload",
    uuid: session,
    event_timestamp: Date.now(),
    properties: {
      user_agent: "Mozilla/5.0 (test)",
      description: "test page loaded",
      url: "https://shop.example.com/",
      seq: String(seq),
    },
  };
}

export const newSession = () => `session-${randomUUID()}`;

/** A consumed record's value as the event it holds. */
export function eventOf(record: ConsumedRecord): Record<string, unknown> & {
  id: string;
  uuid: string;
  properties: Record<string, string>;
} {
  return JSON.parse(record.value?.toString() ?? "null");
}
