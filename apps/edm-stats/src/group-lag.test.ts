import { describe, expect, it } from "vitest";
import { groupLag, reachedMarks, totalLag } from "./group-lag";

const ranges = new Map([
  [
    "edm-ui-click",
    [
      { partition: 0, low: "0", high: "10" },
      { partition: 1, low: "5", high: "5" },
      { partition: 2, low: "100", high: "120" },
    ],
  ],
]);

describe("groupLag", () => {
  it("measures from the committed offset, or from the oldest retained record when there is none", () => {
    const lags = groupLag(ranges, new Map([["edm-ui-click", [{ partition: 0, offset: "7" }]]]));
    expect(lags).toEqual([
      { topic: "edm-ui-click", partition: 0, position: "7", high: "10", lag: 3 },
      // Kafka retains nothing here: no lag, though the group never committed.
      { topic: "edm-ui-click", partition: 1, position: "5", high: "5", lag: 0 },
      { topic: "edm-ui-click", partition: 2, position: "100", high: "120", lag: 20 },
    ]);
    expect(totalLag(lags)).toBe(23);
  });

  it("reads from the oldest retained record when Kafka deleted what the group committed", () => {
    const [lag] = groupLag(
      new Map([["t", [{ partition: 0, low: "50", high: "60" }]]]),
      new Map([["t", [{ partition: 0, offset: "20" }]]]),
    );
    expect(lag).toMatchObject({ position: "50", lag: 10 });
  });
});

describe("reachedMarks", () => {
  const at = (position: string, high: string) => [{ topic: "t", partition: 0, position, high, lag: 0 }];

  it("without marks, means lag 0 on every partition", () => {
    expect(reachedMarks(at("10", "10"))).toBe(true);
    expect(reachedMarks(at("9", "10"))).toBe(false);
  });

  it("with marks, means everything written before the marks were sampled is handled", () => {
    expect(reachedMarks(at("10", "14"), at("3", "10"))).toBe(true);
    expect(reachedMarks(at("9", "14"), at("3", "10"))).toBe(false);
  });
});
