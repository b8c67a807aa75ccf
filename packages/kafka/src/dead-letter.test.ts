import { describe, expect, it } from "vitest";
import { DEAD_LETTER_HEADERS, toDeadLetterRecord } from "./dead-letter";

describe("toDeadLetterRecord", () => {
  const record = {
    topic: "edm-ui-click",
    partition: 1,
    offset: "17",
    key: "session-1",
    value: Buffer.from("not json"),
    headers: { traceparent: "00-abc-def-01" },
    timestamp: 1541792811040,
  };

  it("keeps key, value and headers, and says why and where from", () => {
    const letter = toDeadLetterRecord(
      { record, kind: "invalid", reason: "the value (8 bytes) is not valid JSON" },
      "edm-stats",
    );
    expect(letter).toEqual({
      key: "session-1",
      value: record.value,
      headers: {
        traceparent: "00-abc-def-01",
        [DEAD_LETTER_HEADERS.reason]: "the value (8 bytes) is not valid JSON",
        [DEAD_LETTER_HEADERS.topic]: "edm-ui-click",
        [DEAD_LETTER_HEADERS.partition]: "1",
        [DEAD_LETTER_HEADERS.offset]: "17",
        [DEAD_LETTER_HEADERS.timestamp]: "1541792811040",
        [DEAD_LETTER_HEADERS.consumer]: "edm-stats",
      },
    });
  });

  it("bounds the reason and writes a tombstone as an empty value", () => {
    const letter = toDeadLetterRecord(
      { record: { ...record, value: null }, kind: "invalid", reason: "x".repeat(5_000) },
      "c",
    );
    expect(letter.value).toBe("");
    expect(letter.headers?.[DEAD_LETTER_HEADERS.reason]).toHaveLength(1_000);
  });
});
