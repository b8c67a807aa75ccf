import { z } from "zod";
import { type ClickEvent, type EdmEvent, httpUrl, type PageloadEvent, UNUSABLE_IDS } from "./event";
import {
  MAX_BUTTON_ID_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_FUTURE_SKEW_MS,
  MAX_SESSION_ID_LENGTH,
  MAX_URL_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MIN_EVENT_TIMESTAMP_MS,
} from "./limits";
import { TOPICS } from "./topics";

// Every consumer validates every record again (see event-record.ts), and a profile of edm-stats draining
// a backlog found zod's walk of the schema costing about six times JSON.parse. Nearly every event is an
// ordinary one, so it is checked here by hand first, with the schema's own rules: each test below accepts
// only what the schema accepts, and builds the very object zod would (same keys, same order). Anything
// else (an extra property, text beyond printable ASCII, any doubt) returns undefined and the schema decides,
// with its messages. So this adds no rule and drops none; parse.test.ts and quick-event.test.ts hold it to
// zod's answers.

const ENVELOPE_KEYS = new Set(["topic", "uuid", "id", "event_timestamp", "properties"]);
const EVENT_ID = z.regexes.uuid();
const PAGE_URL = httpUrl();

/** Printable ASCII (U+0020-U+007E) only: no control, surrogate, noncharacter, separator nor bidi control. */
function isPlainText(value: unknown, min: number, max: number): value is string {
  if (typeof value !== "string" || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The own keys of `value` are exactly `names`, in any order. */
function hasOnlyKeys(value: Record<string, unknown>, names: readonly string[]): boolean {
  const keys = Object.keys(value);
  if (keys.length !== names.length) return false;
  return names.every((name) => Object.hasOwn(value, name));
}

/** The id as the schema returns it (lowercased), null when absent, undefined when the schema must decide. */
function quickEventId(input: Record<string, unknown>): string | null | undefined {
  if (!Object.hasOwn(input, "id")) return null;
  const id = input.id;
  if (typeof id !== "string" || !EVENT_ID.test(id)) return undefined;
  const lower = id.toLowerCase();
  return UNUSABLE_IDS.has(lower) ? undefined : lower;
}

function quickClickProperties(value: unknown): ClickEvent["properties"] | undefined {
  if (!isPlainRecord(value) || !hasOnlyKeys(value, ["button_id", "description"])) return undefined;
  const { button_id, description } = value;
  if (!isPlainText(button_id, 1, MAX_BUTTON_ID_LENGTH)) return undefined;
  if (!isPlainText(description, 0, MAX_DESCRIPTION_LENGTH)) return undefined;
  return { button_id, description };
}

function quickPageloadProperties(value: unknown): PageloadEvent["properties"] | undefined {
  if (!isPlainRecord(value) || !hasOnlyKeys(value, ["user_agent", "description", "url"])) return undefined;
  const { user_agent, description, url } = value;
  if (!isPlainText(user_agent, 0, MAX_USER_AGENT_LENGTH)) return undefined;
  if (!isPlainText(description, 0, MAX_DESCRIPTION_LENGTH)) return undefined;
  if (!isPlainText(url, 0, MAX_URL_LENGTH)) return undefined;
  // zod's URL rule, as the schema applies it (it may trim the text).
  const parsed = PAGE_URL.safeParse(url);
  if (!parsed.success) return undefined;
  return { user_agent, description, url: parsed.data };
}

/**
 * The event the schema would return for `input`, when `input` is an ordinary valid event (no extra
 * properties, printable ASCII text); undefined otherwise, meaning "ask the schema". `now` is the
 * receiver's clock, for the future-timestamp bound that parse.ts applies.
 */
export function quickEvent(input: unknown, now: number): EdmEvent | undefined {
  if (!isPlainRecord(input)) return undefined;
  for (const key of Object.keys(input)) if (!ENVELOPE_KEYS.has(key)) return undefined;
  const { topic, uuid, event_timestamp } = input;
  if (!isPlainText(uuid, 1, MAX_SESSION_ID_LENGTH)) return undefined;
  if (
    typeof event_timestamp !== "number" ||
    !Number.isSafeInteger(event_timestamp) ||
    event_timestamp < MIN_EVENT_TIMESTAMP_MS ||
    event_timestamp > now + MAX_FUTURE_SKEW_MS
  ) {
    return undefined;
  }
  const id = quickEventId(input);
  if (id === undefined) return undefined;
  // Built whole, in the schema's key order (an absent id is no key at all, as zod leaves it).
  if (topic === TOPICS.click) {
    const properties = quickClickProperties(input.properties);
    if (!properties) return undefined;
    return id === null
      ? { topic, uuid, event_timestamp, properties }
      : { topic, uuid, id, event_timestamp, properties };
  }
  if (topic === TOPICS.pageload) {
    const properties = quickPageloadProperties(input.properties);
    if (!properties) return undefined;
    return id === null
      ? { topic, uuid, event_timestamp, properties }
      : { topic, uuid, id, event_timestamp, properties };
  }
  return undefined;
}
