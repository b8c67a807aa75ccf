import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EdmEventSchema } from "./event";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import { MAX_FUTURE_SKEW_MS } from "./limits";
import { quickEvent } from "./quick-event";

const now = Date.UTC(2024, 0, 1);

/** What the schema alone says of `input` (parse.ts adds the future bound, checked here too). */
function schemaAnswer(input: unknown) {
  const parsed = EdmEventSchema.safeParse(input);
  const timestamp = (input as { event_timestamp?: unknown }).event_timestamp;
  const tooLate = typeof timestamp === "number" && timestamp > now + MAX_FUTURE_SKEW_MS;
  return parsed.success && !tooLate ? parsed.data : undefined;
}

/** Held to the schema: whenever quickEvent answers, the schema accepts and returns the same object. */
function expectSameAsSchema(input: unknown) {
  const quick = quickEvent(input, now);
  if (quick === undefined) return;
  const schema = schemaAnswer(input);
  expect(schema).toBeDefined();
  expect(quick).toStrictEqual(schema);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(schema));
}

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "a\tb", "x\u0000", "\u202e", "\ud800", "\ufdd0", "a".repeat(129), "a".repeat(257)),
);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
);
const eventId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.constantFrom(
    "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    "not-a-uuid",
  ),
  value,
);
const timestamp = fc.oneof(
  fc.integer({ min: 900_000_000_000, max: now + 2 * MAX_FUTURE_SKEW_MS }),
  fc.constantFrom(
    now + MAX_FUTURE_SKEW_MS,
    now + MAX_FUTURE_SKEW_MS + 1,
    946_684_800_000,
    946_684_799_999,
    1.5,
  ),
  value,
);
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    " https://edm-ui.herokuapp.com/ ",
    "ftp://x.org/",
    "https://",
    "http://a/b?c#d",
    "javascript:1",
  ),
  text,
);
const properties = fc.oneof(
  fc.record({ button_id: text, description: text, url, user_agent: text, extra: text }, { requiredKeys: [] }),
  value,
  fc.constant([]),
);
const envelope = fc.record(
  {
    topic: fc.oneof(fc.constantFrom("edm-ui-click", "edm-ui-pageload", "other"), value),
    uuid: fc.oneof(fc.uuid(), text, value),
    id: eventId,
    event_timestamp: timestamp,
    properties,
    timestamp: value,
  },
  { requiredKeys: [] },
);

/** Ordinary events with a field or two changed, so that many are valid and many only just not. */
const nearlyOrdinary = fc
  .tuple(
    fc.constantFrom(ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE),
    fc.option(envelope, { freq: 3 }),
    fc.option(
      fc.record({ button_id: text, description: text, url, user_agent: text }, { requiredKeys: [] }),
      {
        freq: 3,
      },
    ),
  )
  .map(([base, changes, changedProperties]) => ({
    ...base,
    ...(changes ?? {}),
    properties: { ...base.properties, ...(changedProperties ?? {}) },
  }));

describe("quickEvent", () => {
  it("answers only when the schema accepts, and with the schema's own object", () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.oneof(envelope, nearlyOrdinary), (input) => {
        if (quickEvent(input, now) !== undefined) answered += 1;
        expectSameAsSchema(input);
      }),
      { numRuns: 5_000 },
    );
    // The comparison proves something only if quickEvent did answer a fair share of the inputs.
    expect(answered).toBeGreaterThan(100);
  });

  it("answers the original clients' events, with or without an id (lowercased)", () => {
    const id = "3F1C2A9E-5B7D-4C1A-9F0E-2D6B8A4C7E11";
    for (const input of [
      ORIGINAL_CLICK_EXAMPLE,
      ORIGINAL_PAGELOAD_EXAMPLE,
      { ...ORIGINAL_CLICK_EXAMPLE, id },
      { ...ORIGINAL_PAGELOAD_EXAMPLE, id },
    ]) {
      expect(quickEvent(input, now)).toBeDefined();
      expectSameAsSchema(input);
    }
    expect(quickEvent({ ...ORIGINAL_CLICK_EXAMPLE, id }, now)?.id).toBe(id.toLowerCase());
  });

  it("leaves anything out of the ordinary to the schema", () => {
    const odd: unknown[] = [
      { ...ORIGINAL_CLICK_EXAMPLE, id: undefined },
      { ...ORIGINAL_CLICK_EXAMPLE, id: "00000000-0000-0000-0000-000000000000" },
      { ...ORIGINAL_CLICK_EXAMPLE, timestamp: 1 },
      { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: now + MAX_FUTURE_SKEW_MS + 1 },
      { ...ORIGINAL_CLICK_EXAMPLE, uuid: "caf\u00e9" },
      { ...ORIGINAL_CLICK_EXAMPLE, properties: { ...ORIGINAL_CLICK_EXAMPLE.properties, colour: "red" } },
      {
        ...ORIGINAL_PAGELOAD_EXAMPLE,
        properties: { ...ORIGINAL_PAGELOAD_EXAMPLE.properties, url: "ftp://x/" },
      },
      JSON.parse('{"__proto__": {}, "topic": "edm-ui-click"}'),
      Object.assign(Object.create({ inherited: true }), ORIGINAL_CLICK_EXAMPLE),
    ];
    for (const input of odd) expect(quickEvent(input, now)).toBeUndefined();
  });
});
