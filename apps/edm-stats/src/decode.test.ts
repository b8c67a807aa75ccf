import type { ConsumedRecord } from "@edm/kafka";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE, TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { decodeRecord, placeKey } from "./decode";

const ID = "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11";
const WRITTEN_AT = ORIGINAL_CLICK_EXAMPLE.event_timestamp + 500;

function record(value: unknown, overrides: Partial<ConsumedRecord> = {}): ConsumedRecord {
  return {
    topic: TOPICS.click,
    partition: 2,
    offset: "41",
    key: "session",
    value: typeof value === "string" ? Buffer.from(value) : Buffer.from(JSON.stringify(value)),
    headers: {},
    timestamp: WRITTEN_AT,
    ...overrides,
  };
}

function reasonOf(input: ConsumedRecord): string {
  const decoded = decodeRecord(input, WRITTEN_AT);
  if (decoded.ok) throw new Error("expected the record to be refused");
  return decoded.reason;
}

describe("decodeRecord", () => {
  it("accepts an original click, keyed by its place in Kafka when it has no id", () => {
    const decoded = decodeRecord(record(ORIGINAL_CLICK_EXAMPLE), WRITTEN_AT);
    expect(decoded).toEqual({
      ok: true,
      countable: {
        key: `kafka:${TOPICS.click}:2:41`,
        event: ORIGINAL_CLICK_EXAMPLE,
        occurredAt: ORIGINAL_CLICK_EXAMPLE.event_timestamp,
      },
    });
  });

  it("keys an event by its id, lowercased, whatever partition or offset it arrives at", () => {
    const event = { ...ORIGINAL_PAGELOAD_EXAMPLE, id: ID.toUpperCase() };
    const first = decodeRecord(record(event, { topic: TOPICS.pageload }), WRITTEN_AT);
    const retry = decodeRecord(
      record(event, { topic: TOPICS.pageload, partition: 0, offset: "7" }),
      WRITTEN_AT,
    );
    expect(first.ok && first.countable.key).toBe(ID);
    expect(retry.ok && retry.countable.key).toBe(ID);
  });

  it("refuses a value that is not JSON, without quoting it", () => {
    const reason = reasonOf(record("{not json: secret-ish"));
    expect(reason).toMatch(/not valid JSON/);
    expect(reason).not.toContain("secret-ish");
  });

  it("refuses an empty record and a tombstone", () => {
    expect(reasonOf(record("", { value: null }))).toMatch(/no value/);
    expect(reasonOf(record(""))).toMatch(/no value/);
  });

  it("refuses JSON that is not a valid event, naming the fields", () => {
    const reason = reasonOf(record({ ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: "yesterday" }));
    expect(reason).toMatch(/^the value is not a valid event: event_timestamp /);
  });

  it("quotes at most five problems", () => {
    const reason = reasonOf(
      record({
        topic: TOPICS.click,
        properties: Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`9bad${index}`, index])),
      }),
    );
    expect(reason).toMatch(/and \d+ more problem\(s\)$/);
  });

  it("refuses an event PostgreSQL could not store, written by a producer other than the relay", () => {
    const reason = reasonOf(record({ ...ORIGINAL_CLICK_EXAMPLE, uuid: "a\u0000b" }));
    expect(reason).toMatch(/uuid must not contain control characters \(found U\+0000 at position 1\)/);
  });

  it("refuses an event written to another type's topic", () => {
    expect(reasonOf(record(ORIGINAL_PAGELOAD_EXAMPLE))).toMatch(/says topic "edm-ui-pageload"/);
  });

  it("accepts an event that waited in Kafka longer than the allowed clock skew", () => {
    const muchLater = WRITTEN_AT + 30 * 24 * 3_600_000;
    expect(decodeRecord(record(ORIGINAL_CLICK_EXAMPLE), muchLater).ok).toBe(true);
  });
});

describe("placeKey", () => {
  it("names topic, partition and offset", () => {
    expect(placeKey({ topic: "edm-ui-click", partition: 0, offset: "12" })).toBe("kafka:edm-ui-click:0:12");
  });
});
