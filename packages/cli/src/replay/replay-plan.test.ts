import { describe, expect, it } from "vitest";
import { planReplay, type TopicState } from "./replay-plan";

const click: TopicState = {
  topic: "edm-ui-click",
  ranges: [
    { partition: 0, low: 10, high: 100 },
    { partition: 1, low: 0, high: 50 },
  ],
  committed: new Map([[0, 90]]),
  atTime: new Map([
    [0, 40],
    [1, 50],
  ]),
};

const targets = (plan: ReturnType<typeof planReplay>) =>
  plan.ok ? plan.partitions.map(({ partition, target }) => [partition, target]) : plan.problems;

describe("planReplay", () => {
  it("moves every partition to its log start for earliest, to its end for latest", () => {
    expect(targets(planReplay({ kind: "earliest" }, [click]))).toEqual([
      [0, 10],
      [1, 0],
    ]);
    expect(targets(planReplay({ kind: "latest" }, [click]))).toEqual([
      [0, 100],
      [1, 50],
    ]);
  });

  it("uses the broker's offsets for a time", () => {
    expect(targets(planReplay({ kind: "time", timestampMs: 1, text: "x" }, [click]))).toEqual([
      [0, 40],
      [1, 50],
    ]);
  });

  it("gives the committed offset and the lag before and after; '-' (null) where nothing is committed", () => {
    const plan = planReplay({ kind: "earliest" }, [click]);
    expect(plan).toEqual({
      ok: true,
      partitions: [
        {
          topic: "edm-ui-click",
          partition: 0,
          committed: 90,
          target: 10,
          end: 100,
          lagNow: 10,
          lagAfter: 90,
        },
        {
          topic: "edm-ui-click",
          partition: 1,
          committed: null,
          target: 0,
          end: 50,
          lagNow: null,
          lagAfter: 50,
        },
      ],
    });
  });

  it("moves only the partitions an explicit list names", () => {
    const plan = planReplay(
      { kind: "offsets", offsets: [{ topic: "edm-ui-click", partition: 1, offset: 7 }] },
      [click],
    );
    expect(targets(plan)).toEqual([[1, 7]]);
  });

  it("refuses offsets outside the retained records and partitions that do not exist", () => {
    const plan = planReplay(
      {
        kind: "offsets",
        offsets: [
          { topic: "edm-ui-click", partition: 0, offset: 5 },
          { topic: "edm-ui-click", partition: 1, offset: 51 },
          { topic: "edm-ui-click", partition: 2, offset: 0 },
        ],
      },
      [click],
    );
    expect(plan).toEqual({
      ok: false,
      problems: [
        "edm-ui-click:0=5 is outside the retained records (10 to 100, 100 being the end)",
        "edm-ui-click:1=51 is outside the retained records (0 to 50, 50 being the end)",
        "edm-ui-click has no partition 2 (it has 2)",
      ],
    });
  });
});
