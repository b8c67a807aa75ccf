import { describe, expect, it } from "vitest";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import { MAX_BATCH_EVENTS, MAX_FIELD_ERRORS } from "./limits";
import { parseEventBatch } from "./parse";

const now = Date.UTC(2018, 10, 10);

describe("parseEventBatch", () => {
  it("accepts a single event (not in a list) as a batch of one", () => {
    expect(parseEventBatch(ORIGINAL_CLICK_EXAMPLE, { now })).toEqual({
      ok: true,
      events: [ORIGINAL_CLICK_EXAMPLE],
    });
  });

  it("reports a single event's errors without an index", () => {
    expect(parseEventBatch({ ...ORIGINAL_CLICK_EXAMPLE, uuid: "" }, { now })).toEqual({
      ok: false,
      errors: [{ path: "uuid", message: "must not be empty" }],
    });
  });

  it("accepts a list of mixed topics, in order", () => {
    const batch = [ORIGINAL_PAGELOAD_EXAMPLE, ORIGINAL_CLICK_EXAMPLE];
    expect(parseEventBatch(batch, { now })).toEqual({ ok: true, events: batch });
  });

  it(`accepts ${MAX_BATCH_EVENTS} events and refuses one more`, () => {
    const full = Array.from({ length: MAX_BATCH_EVENTS }, () => ORIGINAL_CLICK_EXAMPLE);
    const result = parseEventBatch(full, { now });
    expect(result.ok && result.events).toHaveLength(MAX_BATCH_EVENTS);
    expect(parseEventBatch([...full, ORIGINAL_CLICK_EXAMPLE], { now })).toEqual({
      ok: false,
      errors: [
        {
          path: "",
          message: `the batch holds ${MAX_BATCH_EVENTS + 1} events; at most ${MAX_BATCH_EVENTS} are allowed`,
        },
      ],
    });
  });

  it("refuses an empty list", () => {
    expect(parseEventBatch([], { now })).toEqual({
      ok: false,
      errors: [{ path: "", message: "the batch is empty; send at least 1 event" }],
    });
  });

  it("is all or nothing, with each error prefixed by its event's index", () => {
    const batch = [
      ORIGINAL_CLICK_EXAMPLE,
      ORIGINAL_PAGELOAD_EXAMPLE,
      ORIGINAL_CLICK_EXAMPLE,
      { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: 1.5 },
      "not an event",
      { ...ORIGINAL_CLICK_EXAMPLE, topic: "__consumer_offsets" },
      { ...ORIGINAL_CLICK_EXAMPLE, properties: { ...ORIGINAL_CLICK_EXAMPLE.properties, button_id: "" } },
    ];
    const result = parseEventBatch(batch, { now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual([
      "[3].event_timestamp",
      "[4]",
      "[5].topic",
      "[6].properties.button_id",
    ]);
    expect(!result.ok && result.errors[1]?.message).toBe("must be an object, got text");
  });

  it("applies the future bound with one clock for the whole batch", () => {
    const ahead = { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: now + 2 * 24 * 3_600_000 };
    const result = parseEventBatch([ORIGINAL_CLICK_EXAMPLE, ahead], { now });
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual(["[1].event_timestamp"]);
  });

  it(`reports at most ${MAX_FIELD_ERRORS} errors and says some were left out`, () => {
    const result = parseEventBatch(
      Array.from({ length: MAX_BATCH_EVENTS }, () => "junk"),
      { now },
    );
    if (result.ok) throw new Error("expected rejection");
    expect(result.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(result.errors.at(-2)?.path).toBe(`[${MAX_FIELD_ERRORS - 2}]`);
    expect(result.errors.at(-1)).toEqual({
      path: "",
      message: `more errors were found; only the first ${MAX_FIELD_ERRORS - 1} are reported`,
    });
  });
});
