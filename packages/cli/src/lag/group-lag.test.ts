import { describe, expect, it } from "vitest";
import { formatLag } from "./format-lag";
import { groupLag } from "./group-lag";

const ends = new Map([
  [
    "edm-ui-click",
    new Map([
      [1, 30],
      [0, 100],
    ]),
  ],
]);

describe("groupLag", () => {
  it("is the end minus the committed offset, per partition, with a total", () => {
    const lag = groupLag(
      {
        group: "edm-stats",
        state: "Stable",
        members: 2,
        committed: [
          {
            topic: "edm-ui-click",
            partitions: [
              { partition: 0, offset: 95 },
              { partition: 1, offset: -1 },
            ],
          },
        ],
      },
      ends,
    );
    expect(lag).toEqual({
      group: "edm-stats",
      state: "Stable",
      members: 2,
      totalLag: 5,
      partitions: [
        { topic: "edm-ui-click", partition: 0, committed: 95, end: 100, lag: 5 },
        { topic: "edm-ui-click", partition: 1, committed: null, end: 30, lag: null },
      ],
    });
  });

  it("leaves out topics that no longer exist", () => {
    const lag = groupLag(
      {
        group: "g",
        state: "Empty",
        members: 0,
        committed: [{ topic: "gone", partitions: [{ partition: 0, offset: 3 }] }],
      },
      ends,
    );
    expect(lag.partitions).toEqual([]);
  });
});

describe("formatLag", () => {
  it("prints a row per partition and a total per group", () => {
    const text = formatLag([
      groupLag(
        {
          group: "edm-stats",
          state: "Empty",
          members: 0,
          committed: [{ topic: "edm-ui-click", partitions: [{ partition: 0, offset: 60 }] }],
        },
        ends,
      ),
    ]);
    expect(text).toMatch(/│ edm-stats │ edm-ui-click │\s+0 │\s+60 │\s+100 │\s+40 │/);
    expect(text).toMatch(/│ edm-stats │ edm-ui-click │\s+1 │\s+- │\s+30 │\s+- │/);
    expect(text).toContain("edm-stats: lag 40, Empty, 0 active members");
  });

  it("says so when there is no group", () => {
    expect(formatLag([])).toBe("No consumer groups.");
  });
});
