import { describe, expect, it } from "vitest";
import {
  decodeEventRecord,
  EVENT_ID_HEADER,
  encodeEventRecord,
  MAX_REASON_LENGTH,
  occurredAt,
  type RecordToDecode,
  topicFor,
} from "./event-record";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import { TOPICS } from "./topics";

const ID = "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11";
const WRITTEN_AT = ORIGINAL_CLICK_EXAMPLE.event_timestamp + 500;

function record(value: unknown, overrides: Partial<RecordToDecode> = {}): RecordToDecode {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { topic: TOPICS.click, value: new TextEncoder().encode(text), timestamp: WRITTEN_AT, ...overrides };
}

function reasonOf(input: RecordToDecode): string {
  const decoded = decodeEventRecord(input, WRITTEN_AT);
  if (decoded.ok) throw new Error("expected the record to be refused");
  return decoded.reason;
}

describe("encodeEventRecord", () => {
  it("writes a click to the click topic, keyed by session, the event as JSON, its id in a header", () => {
    expect(encodeEventRecord({ ...ORIGINAL_CLICK_EXAMPLE, id: ID })).toEqual({
      topic: TOPICS.click,
      record: {
        key: ORIGINAL_CLICK_EXAMPLE.uuid,
        value: JSON.stringify({ ...ORIGINAL_CLICK_EXAMPLE, id: ID }),
        headers: { [EVENT_ID_HEADER]: ID },
      },
    });
  });

  it("writes a page load to the page-load topic", () => {
    expect(encodeEventRecord({ ...ORIGINAL_PAGELOAD_EXAMPLE, id: ID }).topic).toBe(TOPICS.pageload);
  });

  it("adds the headers it is given (trace context) beside the event id, which they cannot replace", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const { record } = encodeEventRecord(
      { ...ORIGINAL_CLICK_EXAMPLE, id: ID },
      { traceparent, [EVENT_ID_HEADER]: "not-the-id" },
    );
    expect(record.headers).toEqual({ traceparent, [EVENT_ID_HEADER]: ID });
  });
});

describe("topicFor", () => {
  it("answers with the system's own topic name, not the client's string", () => {
    const clientText = ["edm-ui", "click"].join("-");
    const topic = topicFor({ ...ORIGINAL_CLICK_EXAMPLE, topic: clientText as typeof TOPICS.click });
    expect(topic).toBe(TOPICS.click);
  });

  it("throws for a type it does not know (the schema never lets one through)", () => {
    expect(() =>
      topicFor({ ...ORIGINAL_CLICK_EXAMPLE, topic: "__consumer_offsets" as typeof TOPICS.click }),
    ).toThrow(/no topic/);
  });
});

describe("decodeEventRecord", () => {
  it("reads what encodeEventRecord wrote, from a Node Buffer as from any Uint8Array", () => {
    const { topic, record: written } = encodeEventRecord({ ...ORIGINAL_PAGELOAD_EXAMPLE, id: ID });
    const decoded = decodeEventRecord({ topic, value: Buffer.from(written.value), timestamp: WRITTEN_AT });
    expect(decoded).toEqual({
      ok: true,
      event: { ...ORIGINAL_PAGELOAD_EXAMPLE, id: ID },
      occurredAt: ORIGINAL_PAGELOAD_EXAMPLE.event_timestamp,
    });
  });

  it("accepts the original apps' events, which carry no id", () => {
    expect(decodeEventRecord(record(ORIGINAL_CLICK_EXAMPLE), WRITTEN_AT)).toMatchObject({
      ok: true,
      event: ORIGINAL_CLICK_EXAMPLE,
    });
  });

  it("refuses an empty record and a tombstone", () => {
    expect(reasonOf(record("", { value: null }))).toMatch(/no value/);
    expect(reasonOf(record(""))).toMatch(/no value/);
  });

  it("refuses a value that is not JSON, without quoting it", () => {
    const reason = reasonOf(record("{not json: secret-ish"));
    expect(reason).toBe("the value (21 bytes) is not valid JSON");
  });

  it("refuses bytes that are not UTF-8 rather than guessing what they meant", () => {
    const bytes = new Uint8Array([0x22, 0xff, 0xfe, 0x22]);
    expect(reasonOf({ topic: TOPICS.click, value: bytes, timestamp: WRITTEN_AT })).toBe(
      "the value (4 bytes) is not valid UTF-8 text",
    );
  });

  it("refuses JSON that is not a valid event, naming the fields", () => {
    const reason = reasonOf(record({ ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: "yesterday" }));
    expect(reason).toMatch(/^the value is not a valid event: event_timestamp /);
  });

  it("refuses text PostgreSQL could not store, from any producer", () => {
    const reason = reasonOf(record({ ...ORIGINAL_CLICK_EXAMPLE, uuid: "a\u0000b" }));
    expect(reason).toBe(
      "the value is not a valid event: uuid must not contain control characters (found U+0000 at position 1)",
    );
  });

  it("quotes at most five problems, and stays bounded", () => {
    const names = Array.from({ length: 8 }, (_, index) => [`9bad${"x".repeat(60)}${index}`, index]);
    const reason = reasonOf(record({ topic: TOPICS.click, properties: Object.fromEntries(names) }));
    expect(reason).toMatch(/and \d+ more problem\(s\)$/);
    const huge = reasonOf(record({ topic: "x".repeat(10_000), uuid: "y".repeat(10_000) }));
    expect(huge.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(huge).not.toContain("x".repeat(41));
  });

  it("refuses an event written to another type's topic", () => {
    expect(reasonOf(record(ORIGINAL_PAGELOAD_EXAMPLE))).toBe(
      'the event says topic "edm-ui-pageload" but was written to "edm-ui-click"; producers write each event to the topic of its type',
    );
  });

  it("accepts an event that waited in Kafka longer than the allowed clock skew", () => {
    const muchLater = WRITTEN_AT + 30 * 24 * 3_600_000;
    expect(decodeEventRecord(record(ORIGINAL_CLICK_EXAMPLE), muchLater).ok).toBe(true);
  });

  it("judges the event's clock against the record's time when the consumer's clock is behind", () => {
    const future = { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: WRITTEN_AT + 1_000 };
    const decoded = decodeEventRecord(record(future), WRITTEN_AT - 48 * 3_600_000);
    expect(decoded).toMatchObject({ ok: true, occurredAt: WRITTEN_AT });
  });
});

describe("occurredAt", () => {
  it("is the event's own time when the relay received it later", () => {
    expect(occurredAt(1_000, 1_500)).toBe(1_000);
  });

  it("is capped at the record's time when the client clock ran fast", () => {
    expect(occurredAt(9_000, 1_500)).toBe(1_500);
  });

  it("ignores a record time Kafka did not set", () => {
    expect(occurredAt(9_000, -1)).toBe(9_000);
    expect(occurredAt(9_000, Number.NaN)).toBe(9_000);
  });
});
