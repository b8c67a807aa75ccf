import type { ConsumedRecord } from "@edm/kafka";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE, TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { decodeRecord } from "./event-record";

function record(value: string | null, topic: string = TOPICS.click): ConsumedRecord {
  return {
    topic,
    partition: 0,
    offset: "7",
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers: {},
    timestamp: Date.now(),
  };
}

describe("decodeRecord", () => {
  it("returns the event of a valid record, as the original apps sent it", () => {
    expect(decodeRecord(record(JSON.stringify(ORIGINAL_CLICK_EXAMPLE)))).toEqual({
      ok: true,
      event: ORIGINAL_CLICK_EXAMPLE,
    });
    const pageload = record(JSON.stringify(ORIGINAL_PAGELOAD_EXAMPLE), TOPICS.pageload);
    expect(decodeRecord(pageload)).toEqual({ ok: true, event: ORIGINAL_PAGELOAD_EXAMPLE });
  });

  it("explains records that are not JSON, or empty", () => {
    expect(decodeRecord(record("{not json"))).toEqual({
      ok: false,
      reason: "the record value is not valid JSON",
    });
    expect(decodeRecord(record(null))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no value/),
    });
  });

  it("names the fields of a record that fails the schema", () => {
    const decoded = decodeRecord(
      record(JSON.stringify({ ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: "soon" })),
    );
    expect(decoded).toMatchObject({ ok: false, reason: expect.stringMatching(/event_timestamp/) });
  });

  it("refuses an event that arrived on the other type's topic", () => {
    const decoded = decodeRecord(record(JSON.stringify(ORIGINAL_CLICK_EXAMPLE), TOPICS.pageload));
    expect(decoded).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/arrived on "edm-ui-pageload"/),
    });
  });
});
