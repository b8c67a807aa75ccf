import { pageOf, TOPICS } from "@edm/schema";
import type { EventKind } from "./event-kind";

/** What the dashboard uses of an event pushed by edm-stream. */
export interface LiveEvent {
  /** The event's idempotency key; the relay gives every event one, but an event without is still shown. */
  id: string | undefined;
  kind: EventKind;
  /** What it counts for: the button id of a click, the page of a page load (@edm/schema's pageOf, as edm-stats counts it). */
  key: string;
  /** The shop's words for it, e.g. "Add to Cart", possibly empty. */
  description: string;
  /** The visitor's session (`uuid` on the wire). */
  session: string;
}

/**
 * Reads an event from the stream, or undefined if it is not one the dashboard understands. edm-stream
 * only forwards events that passed the relay's validation, so this checks shape rather than re-running
 * the full schema (whose clock checks would reject good events in a browser with a wrong clock).
 */
export function readLiveEvent(payload: unknown): LiveEvent | undefined {
  if (!isRecord(payload) || !isRecord(payload.properties)) return undefined;
  const { topic, properties } = payload;
  const id = typeof payload.id === "string" && payload.id !== "" ? payload.id : undefined;
  const session = typeof payload.uuid === "string" ? payload.uuid : "";
  const description = typeof properties.description === "string" ? properties.description : "";
  if (topic === TOPICS.click && typeof properties.button_id === "string" && properties.button_id !== "") {
    return { id, kind: "click", key: properties.button_id, description, session };
  }
  if (topic === TOPICS.pageload && typeof properties.url === "string") {
    return { id, kind: "pageload", key: pageOf(properties.url), description, session };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
