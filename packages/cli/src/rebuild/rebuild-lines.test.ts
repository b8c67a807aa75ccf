import { describe, expect, it } from "vitest";
import {
  formatRebuildResult,
  isProgress,
  isResult,
  parseRebuildLine,
  type RebuildResultLine,
} from "./rebuild-lines";

const result: RebuildResultLine = {
  type: "result",
  generation: { generation: 2 },
  previous: { generation: 1 },
  activated: true,
  records: 10,
  counted: 9,
  duplicates: 1,
  uncountable: 0,
  durationMs: 1_500,
  eventsPerSecond: 7,
  totals: { previous: { events: 9, clicks: 4 }, rebuilt: { events: 9, clicks: 5 } },
};

describe("the rebuild's JSON lines", () => {
  it("are told apart by type; other lines are not theirs", () => {
    expect(isProgress(parseRebuildLine('{"type":"progress","records":1}') ?? { type: "" })).toBe(true);
    expect(isResult(parseRebuildLine(JSON.stringify(result)) ?? { type: "" })).toBe(true);
    expect(parseRebuildLine("Rebuilt generation 1")).toBeUndefined();
    expect(parseRebuildLine("[1,2]")).toBeUndefined();
  });

  it("end in both generations' totals, marking those that differ", () => {
    const text = formatRebuildResult(result);
    expect(text).toContain("Rebuilt generation 2 and switched to it (from generation 1).");
    expect(text).toContain("1.5 s (7 records/s)");
    expect(text).toMatch(/events\s*│?\s*9\s*│?\s*9\s*│?\s*│/);
    expect(text).toMatch(/clicks.*4.*5.*differs/);
    expect(text).toContain("pnpm edm rebuild-stats activate 1");
  });
});
