import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withEventId } from "./event-id";
import { decodeEventRecord, encodeEventRecord } from "./event-record";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import { formatPath } from "./field-errors";
import {
  MAX_BUTTON_ID_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_EXTRA_PROPERTY_LENGTH,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_SESSION_ID_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MIN_EVENT_TIMESTAMP_MS,
} from "./limits";
import { parseEvent } from "./parse";
import { type TextKind, textProblem } from "./text";
import { TOPICS } from "./topics";

// Properties of the whole contract, over generated input: what the schema refuses in every text field,
// and that whatever it accepts survives the trip through Kafka unchanged and fits in PostgreSQL.

const now = Date.UTC(2024, 0, 1);

/** Well-formed text (any code point, astral included), so an inserted surrogate can never pair up. */
const wellFormed = (maxLength: number) => fc.string({ unit: "binary", maxLength });

/** A NUL or a lone surrogate. */
const unstorable = fc.oneof(
  fc.constant("\u0000"),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
);

/** Text holding one unstorable character somewhere, within `maxLength` so length is not what is refused. */
const poisoned = (maxLength: number) =>
  fc
    .tuple(
      wellFormed(Math.floor((maxLength - 1) / 2)),
      unstorable,
      wellFormed(Math.floor((maxLength - 1) / 2)),
    )
    .map(([before, bad, after]) => `${before}${bad}${after}`);

type Placement = (text: string) => { event: unknown; path: string };

const click = (properties: object, envelope: object = {}) => ({
  ...ORIGINAL_CLICK_EXAMPLE,
  ...envelope,
  properties: { ...ORIGINAL_CLICK_EXAMPLE.properties, ...properties },
});
const pageload = (properties: object) => ({
  ...ORIGINAL_PAGELOAD_EXAMPLE,
  properties: { ...ORIGINAL_PAGELOAD_EXAMPLE.properties, ...properties },
});

const TEXT_FIELDS: [string, number, Placement][] = [
  ["uuid", MAX_SESSION_ID_LENGTH, (text) => ({ event: click({}, { uuid: text }), path: "uuid" })],
  [
    "button_id",
    MAX_BUTTON_ID_LENGTH,
    (text) => ({ event: click({ button_id: text }), path: "properties.button_id" }),
  ],
  [
    "click description",
    MAX_DESCRIPTION_LENGTH,
    (text) => ({ event: click({ description: text }), path: "properties.description" }),
  ],
  [
    "pageload description",
    MAX_DESCRIPTION_LENGTH,
    (text) => ({ event: pageload({ description: text }), path: "properties.description" }),
  ],
  [
    "user_agent",
    MAX_USER_AGENT_LENGTH,
    (text) => ({ event: pageload({ user_agent: text }), path: "properties.user_agent" }),
  ],
  [
    "url",
    1_000,
    (text) => ({ event: pageload({ url: `https://shop.example/${text}` }), path: "properties.url" }),
  ],
  [
    "extra property value",
    MAX_EXTRA_PROPERTY_LENGTH,
    (text) => ({ event: click({ campaign: text }), path: "properties.campaign" }),
  ],
  [
    "extra property name",
    MAX_PROPERTY_NAME_LENGTH,
    (text) => ({ event: click({ [`p${text}`]: "x" }), path: formatPath(["properties", `p${text}`]) }),
  ],
];

describe("any text holding a NUL or an unpaired surrogate", () => {
  it.each(TEXT_FIELDS)("is refused in %s, naming the field", (_field, maxLength, place) => {
    fc.assert(
      fc.property(poisoned(maxLength - 1), (text) => {
        const { event, path } = place(text);
        const result = parseEvent(event, { now });
        expect(result.ok).toBe(false);
        // Within its length, a field is refused only for a character: the message points at one.
        const messages = result.ok ? [] : result.errors.filter((error) => error.path === path);
        expect(messages).toEqual([
          { path, message: expect.stringMatching(/\(found U\+[0-9A-F]{4,6} at position \d+\)$/) },
        ]);
      }),
    );
  });
});

const acceptable = (kind: TextKind, maxLength: number, minLength = 0) =>
  fc.string({ unit: "binary", minLength, maxLength }).filter((text) => textProblem(text, kind) === undefined);

const extras = fc.dictionary(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/),
  acceptable("free", MAX_EXTRA_PROPERTY_LENGTH),
  { maxKeys: 8 },
);

const envelope = {
  uuid: acceptable("identifier", MAX_SESSION_ID_LENGTH, 1),
  id: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
  event_timestamp: fc.integer({ min: MIN_EVENT_TIMESTAMP_MS, max: now }),
};

const anyClick = fc.record(
  {
    topic: fc.constant(TOPICS.click),
    ...envelope,
    properties: fc
      .tuple(
        acceptable("identifier", MAX_BUTTON_ID_LENGTH, 1),
        acceptable("free", MAX_DESCRIPTION_LENGTH),
        extras,
      )
      // The known properties are set last, so an extra with a known name is overwritten, not kept.
      .map(([button_id, description, more]) => ({ ...more, button_id, description })),
  },
  { requiredKeys: ["topic", "uuid", "event_timestamp", "properties"] },
);

const anyPageload = fc.record(
  {
    topic: fc.constant(TOPICS.pageload),
    ...envelope,
    properties: fc
      .tuple(
        acceptable("free", MAX_USER_AGENT_LENGTH),
        acceptable("free", MAX_DESCRIPTION_LENGTH),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        extras,
      )
      .map(([user_agent, description, url, more]) => ({ ...more, user_agent, description, url })),
  },
  { requiredKeys: ["topic", "uuid", "event_timestamp", "properties"] },
);

const utf8 = new TextDecoder("utf-8", { fatal: true });

describe("every accepted event", () => {
  it("round-trips encode -> decode unchanged, as JSON that is valid UTF-8 without NUL", () => {
    fc.assert(
      fc.property(fc.oneof(anyClick, anyPageload), (candidate) => {
        const parsed = parseEvent(candidate, { now });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const event = withEventId(parsed.event);
        const { topic, record } = encodeEventRecord(event);

        const bytes = new TextEncoder().encode(record.value);
        expect(utf8.decode(bytes)).toBe(record.value); // nothing was replaced on the way to bytes
        expect(record.value).not.toContain("\u0000");
        expect(record.value).not.toContain("\\u0000"); // PostgreSQL's jsonb refuses the escape too

        const decoded = decodeEventRecord({ topic, value: bytes, timestamp: now }, now);
        expect(decoded).toEqual({ ok: true, event, occurredAt: event.event_timestamp });
      }),
    );
  });
});
