import { describe, expect, it } from "vitest";
import { retentionProblems } from "./dedupe-window";

const HOUR = 3_600_000;

describe("retentionProblems", () => {
  it("accepts a dedupe window at least as long as every topic's retention", () => {
    const retention = new Map([
      ["edm-ui-click", 24 * HOUR],
      ["edm-ui-pageload", 360 * HOUR],
    ]);
    expect(retentionProblems(360 * HOUR, retention)).toEqual([]);
  });

  it("names DEDUPE_RETENTION and each topic that keeps records longer", () => {
    const retention = new Map([
      ["edm-ui-click", 14 * 24 * HOUR],
      ["edm-ui-pageload", 1 * HOUR],
    ]);
    expect(retentionProblems(24 * HOUR, retention)).toEqual([
      "DEDUPE_RETENTION (24h) is shorter than the retention of topic edm-ui-click (retention.ms=1209600000, 336h); set DEDUPE_RETENTION to at least 336h",
    ]);
  });

  it("refuses a topic that keeps its records forever", () => {
    const [problem] = retentionProblems(10_000 * HOUR, new Map([["edm-ui-click", -1]]));
    expect(problem).toMatch(/topic edm-ui-click forever \(retention\.ms=-1\)/);
  });
});
