import { describe, expect, it } from "vitest";
import { toConsumedRecord, toKafkajsMessages } from "./records";

describe("toKafkajsMessages", () => {
  it("keeps key, value and headers, with no key meaning null", () => {
    expect(
      toKafkajsMessages([
        { key: "session-1", value: "{}", headers: { source: "edm-ui" } },
        { value: Buffer.from("x") },
      ]),
    ).toEqual([
      { key: "session-1", value: "{}", headers: { source: "edm-ui" } },
      { key: null, value: Buffer.from("x") },
    ]);
  });
});

describe("toConsumedRecord", () => {
  const message = {
    key: Buffer.from("session-1"),
    value: Buffer.from('{"a":1}'),
    timestamp: "1700000000123",
    attributes: 0,
    offset: "9007199254740993",
    headers: { source: Buffer.from("edm-ui"), repeated: [Buffer.from("first"), "last"], missing: undefined },
  };

  it("gives text keys and headers, a numeric timestamp and the exact 64-bit offset", () => {
    expect(toConsumedRecord("edm-ui-click", 3, message)).toEqual({
      topic: "edm-ui-click",
      partition: 3,
      offset: "9007199254740993",
      key: "session-1",
      value: Buffer.from('{"a":1}'),
      headers: { source: "edm-ui", repeated: "last" },
      timestamp: 1700000000123,
    });
  });

  it("keeps a null key and a null value (a tombstone) as null", () => {
    const record = toConsumedRecord("t", 0, { ...message, key: null, value: null, headers: {} });
    expect(record).toMatchObject({ key: null, value: null, headers: {} });
  });
});
