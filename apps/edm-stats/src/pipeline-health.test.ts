import type { LagReport } from "@edm/kafka";
import { describe, expect, it } from "vitest";
import { MAX_RATE_GAP_MS, measure, perSecond, pipelineHealth } from "./pipeline-health";

const report: LagReport = {
  topics: [
    {
      topic: "edm-ui-click",
      partitions: [
        { partition: 0, low: "0", high: "40" },
        { partition: 1, low: "0", high: "10" },
      ],
    },
  ],
  alsoTopics: [{ topic: "edm-dead-letter", partitions: [{ partition: 0, low: "0", high: "3" }] }],
  groups: [
    {
      group: "edm-stream.web.1",
      state: "Stable",
      members: 1,
      lag: 0,
      committedTotal: 50,
      partitions: [{ topic: "edm-ui-click", partition: 0, committed: "40", lag: 0 }],
    },
    {
      group: "edm-stats",
      state: "Empty",
      members: 0,
      lag: 8,
      committedTotal: 42,
      partitions: [{ topic: "edm-ui-click", partition: 0, committed: "32", lag: 8 }],
    },
  ],
};

describe("perSecond", () => {
  const at = (atMs: number, written: number) => ({ atMs, written, counted: 0 });
  it("divides the growth by the seconds between two measurements", () => {
    expect(perSecond(at(0, 10), at(2_000, 30), (m) => m.written)).toBe(10);
  });
  it("has no rate without an earlier measurement, or one too old to say anything about now", () => {
    expect(perSecond(undefined, at(0, 10), (m) => m.written)).toBeNull();
    expect(perSecond(at(0, 10), at(MAX_RATE_GAP_MS + 1, 30), (m) => m.written)).toBeNull();
  });
  it("reads 0 rather than a negative rate when a count went back", () => {
    expect(perSecond(at(0, 30), at(1_000, 10), (m) => m.written)).toBe(0);
  });
});

describe("pipelineHealth", () => {
  it("sums written records and the stats group's commits, counts dead letters, and lists edm-stats first", () => {
    const current = measure(report, "edm-stats", 5_000);
    expect(current).toEqual({ atMs: 5_000, written: 50, counted: 42 });
    const health = pipelineHealth({
      atMs: 5_000,
      report,
      kafkaProblem: null,
      statsGroup: "edm-stats",
      deadLetterTopic: "edm-dead-letter",
      previous: { atMs: 4_000, written: 45, counted: 40 },
      current,
      services: [{ name: "edm-stats", ready: true }],
    });
    expect(health.groups.map((group) => [group.group, group.lag])).toEqual([
      ["edm-stats", 8],
      ["edm-stream.web.1", 0],
    ]);
    expect(health.eventsPerSecond).toEqual({ written: 5, counted: 2 });
    expect(health.deadLetters).toBe(3);
    expect(health.at).toBe(new Date(5_000).toISOString());
  });

  it("says what is unknown when Kafka did not answer", () => {
    const health = pipelineHealth({
      atMs: 0,
      report: undefined,
      kafkaProblem: "Kafka did not answer",
      statsGroup: "edm-stats",
      deadLetterTopic: "edm-dead-letter",
      previous: undefined,
      current: undefined,
      services: [],
    });
    expect(health).toMatchObject({
      groups: [],
      deadLetters: null,
      eventsPerSecond: { written: null, counted: null },
    });
  });
});
