import { z } from "zod";
import {
  MAX_BUTTON_ID_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_SESSION_ID_LENGTH,
  MAX_URL_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MIN_EVENT_TIMESTAMP_MS,
} from "./limits";
import { describeValue, quoteShort } from "./messages";
import { propertiesWith } from "./properties";
import { text } from "./text";
import { EVENT_TOPICS, TOPICS } from "./topics";

// The events the original edm-ui sent, field for field, plus an optional `id` (idempotency key).
// The clock-dependent bound (not too far in the future) is checked in parse.ts, which knows `now`;
// these schemas stay static so zod compiles them once. Use parseEvent(), not these schemas, at boundaries.
// Which characters each text field may hold is decided in text.ts: identifiers strictly, free text less so.

/** Session id. Originals made one per page render, usually a UUID, but any short text is kept as sent. */
const sessionId = text("identifier", MAX_SESSION_ID_LENGTH).min(1);

export const UNUSABLE_IDS: ReadonlySet<string> = new Set([
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
]);

/**
 * Idempotency key. Lowercased because it is compared as text downstream: a retry must not slip past
 * deduplication by changing letter case. The nil and max UUIDs are refused: a client hard-coding one
 * would have all its events but the first dropped as duplicates.
 */
const eventId = z
  .uuid({ error: "must be a UUID such as 3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11" })
  .transform((id) => id.toLowerCase())
  .refine((id) => !UNUSABLE_IDS.has(id), { error: "must be a random UUID, not the nil or max UUID" });

const eventTimestamp = z
  .number({
    error: (issue) =>
      issue.code === "invalid_type" && issue.input !== undefined
        ? `must be a number of milliseconds since 1970-01-01 UTC, got ${describeValue(issue.input)}`
        : undefined,
  })
  .int({ error: "must be a whole number of milliseconds since 1970-01-01 UTC" })
  .min(MIN_EVENT_TIMESTAMP_MS, {
    error: "must be on or after 2000-01-01 (milliseconds since 1970-01-01 UTC; seconds are too small)",
  });

/**
 * Checked for length and characters first, so a huge string is refused before the URL parser sees it,
 * and so the text kept (the URL as sent, not the parser's cleaned-up copy) holds no control character.
 */
const pageUrl = text("identifier", MAX_URL_LENGTH).pipe(httpUrl());

/** The URL rule of pageUrl on its own, for quick-event.ts (which has checked the text already). */
export function httpUrl() {
  return z.url({ protocol: z.regexes.httpProtocol, error: "must be an http:// or https:// URL" });
}

const ENVELOPE_FIELDS = ["topic", "uuid", "id", "event_timestamp", "properties"] as const;

// The envelope is strict: the originals sent exactly these keys, and an unknown one is far more likely a
// mistake ("timestamp" for "event_timestamp") than data worth keeping. Extensions belong in `properties`.
const strictEnvelope = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === "unrecognized_keys"
      ? `is not an allowed field; an event holds only ${ENVELOPE_FIELDS.join(", ")}`
      : undefined,
};

const envelope = {
  uuid: sessionId,
  id: eventId.optional(),
  event_timestamp: eventTimestamp,
};

export const ClickEventSchema = z.strictObject(
  {
    topic: z.literal(TOPICS.click),
    ...envelope,
    properties: propertiesWith({
      button_id: text("identifier", MAX_BUTTON_ID_LENGTH).min(1),
      description: text("free", MAX_DESCRIPTION_LENGTH),
    }),
  },
  strictEnvelope,
);

export const PageloadEventSchema = z.strictObject(
  {
    topic: z.literal(TOPICS.pageload),
    ...envelope,
    properties: propertiesWith({
      user_agent: text("free", MAX_USER_AGENT_LENGTH),
      description: text("free", MAX_DESCRIPTION_LENGTH),
      url: pageUrl,
    }),
  },
  strictEnvelope,
);

const allowedTopics = EVENT_TOPICS.map((topic) => JSON.stringify(topic)).join(", ");

/** Says which topics exist: a client probing for "__consumer_offsets" learns it is not one of them. */
function topicMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const input = issue.input as Record<string, unknown>;
  const topic = input.topic;
  if (topic === undefined) return `is required; allowed topics are ${allowedTopics}`;
  if (typeof topic !== "string") return `must be text, one of ${allowedTopics}; got ${describeValue(topic)}`;
  return `unknown topic ${quoteShort(topic)}; allowed topics are ${allowedTopics}`;
}

export const EdmEventSchema = z.discriminatedUnion("topic", [ClickEventSchema, PageloadEventSchema], {
  error: topicMessage,
});

export type ClickEvent = z.output<typeof ClickEventSchema>;
export type PageloadEvent = z.output<typeof PageloadEventSchema>;
export type EdmEvent = z.output<typeof EdmEventSchema>;
