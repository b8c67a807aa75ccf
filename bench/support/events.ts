import { randomUUID } from "node:crypto";
import { type ClickEvent, TOPICS } from "@edm/schema";

/** Sessions the load is spread over, as many visitors' clicks are. */
export const sessions = Array.from({ length: 1_000 }, () => randomUUID());

export function clickEvent(session: string): ClickEvent {
  return {
    topic: TOPICS.click,
    uuid: session,
    event_timestamp: Date.now(),
    properties: { button_id: "the-camper's-kit", description: "button click" },
  };
}

/** The i-th request's body: one click of the next session. */
export const singleClickBody = (i: number) => JSON.stringify(clickEvent(sessions[i % sessions.length] ?? ""));

/** The i-th request's body: `size` clicks, each of the next session. */
export const clickBatch = (i: number, size: number): ClickEvent[] =>
  Array.from({ length: size }, (_, k) => clickEvent(sessions[(i * size + k) % sessions.length] ?? ""));
