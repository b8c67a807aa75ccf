import { describe, expect, it } from "vitest";
import { partitionLag, recordsBehind } from "./lag";

describe("recordsBehind", () => {
  it("counts the records from the next offset to the high watermark", () => {
    expect(recordsBehind("10", "4")).toBe(6);
    expect(recordsBehind("10", "10")).toBe(0);
  });

  it("is never negative, even when the watermark was read before a later commit", () => {
    expect(recordsBehind("10", "12")).toBe(0);
  });

  it("works past 2^53, where offsets no longer fit a JavaScript number", () => {
    expect(recordsBehind("9007199254740999", "9007199254740990")).toBe(9);
  });
});

describe("partitionLag", () => {
  it("counts from the committed offset", () => {
    expect(partitionLag({ committed: "7", low: "0", high: "10" }, "earliest")).toBe(3);
    expect(partitionLag({ committed: "7", low: "0", high: "10" }, "latest")).toBe(3);
  });

  it("counts every retained record for a group that starts at the earliest and committed nothing", () => {
    expect(partitionLag({ committed: "-1", low: "5", high: "12" }, "earliest")).toBe(7);
  });

  it("counts nothing for a group that starts at the latest and committed nothing", () => {
    expect(partitionLag({ committed: "-1", low: "5", high: "12" }, "latest")).toBe(0);
  });
});
