import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { parseReplayTarget } from "./replay-target";

describe("parseReplayTarget", () => {
  it("reads earliest and latest", () => {
    expect(parseReplayTarget("earliest")).toEqual({ kind: "earliest" });
    expect(parseReplayTarget(" latest ")).toEqual({ kind: "latest" });
  });

  it("reads ISO 8601 dates and times with a zone", () => {
    expect(parseReplayTarget("2024-05-01T12:00:00Z")).toMatchObject({
      kind: "time",
      timestampMs: Date.UTC(2024, 4, 1, 12),
    });
    expect(parseReplayTarget("2024-05-01T14:00+02:00")).toMatchObject({
      timestampMs: Date.UTC(2024, 4, 1, 12),
    });
    expect(parseReplayTarget("2024-05-01")).toMatchObject({ timestampMs: Date.UTC(2024, 4, 1) });
  });

  it("refuses times without a zone and impossible dates", () => {
    for (const text of ["2024-05-01T12:00:00", "2024-13-01", "2024-05-01 12:00Z"]) {
      expect(() => parseReplayTarget(text)).toThrow(InvalidArgumentError);
    }
  });

  it("reads explicit offsets", () => {
    expect(parseReplayTarget("edm-ui-click:0=120, edm-ui-click:1=98,edm-ui-pageload:0=0")).toEqual({
      kind: "offsets",
      offsets: [
        { topic: "edm-ui-click", partition: 0, offset: 120 },
        { topic: "edm-ui-click", partition: 1, offset: 98 },
        { topic: "edm-ui-pageload", partition: 0, offset: 0 },
      ],
    });
  });

  it("refuses malformed or repeated offsets, naming the part at fault", () => {
    expect(() => parseReplayTarget("edm-ui-click:0=-1")).toThrow(/edm-ui-click:0=-1/);
    expect(() => parseReplayTarget("edm-ui-click=5")).toThrow(/topic:partition=offset/);
    expect(() => parseReplayTarget("t:0=1,t:0=2")).toThrow(/t:0 is given twice/);
    expect(() => parseReplayTarget("yesterday")).toThrow(/earliest, latest/);
  });
});
