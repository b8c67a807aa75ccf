import { describe, expect, it } from "vitest";
import { emptyCounts, formatLiveLine, formatSummary, percentile, summarize } from "./load-stats";
import { retryDelayMs } from "./retry-delay";

describe("load statistics", () => {
  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBeUndefined();
  });

  it("shows sent, acknowledged, refused, retried and p99 on the live line", () => {
    const counts = { ...emptyCounts(), sent: 120, acknowledged: 100, retried: 20 };
    expect(formatLiveLine(counts, [10, 20, 300], 2_000)).toBe(
      "sent 120 · acknowledged 100 · refused 0 · retried 20 · p99 300 ms · 50 events/s",
    );
  });

  it("sums up, counting what was made but never answered", () => {
    const counts = {
      ...emptyCounts(),
      made: 10,
      sent: 10,
      acknowledged: 7,
      refused: 1,
      requests: 3,
      failures: new Map([["503", 1]]),
    };
    const summary = summarize(counts, [5, 15], { relay: "http://r", visits: 2, durationMs: 1_000 });
    expect(summary).toMatchObject({
      unacknowledged: 2,
      eventsPerSecond: 7,
      failures: { "503": 1 },
      latencyMs: { p50: 5, p99: 15, max: 15 },
    });
    expect(formatSummary(summary)).toMatch(/not acknowledged +2/);
  });
});

describe("retryDelayMs", () => {
  it("honours Retry-After in seconds or as a date, capped at 30 s", () => {
    expect(retryDelayMs("5", 0, () => 0.5, 0)).toBe(5_000);
    expect(retryDelayMs(new Date(12_000).toUTCString(), 0, () => 0.5, 10_000)).toBe(2_000);
    expect(retryDelayMs("3600", 0, () => 0.5, 0)).toBe(30_000);
  });

  it("backs off with jitter otherwise", () => {
    expect(retryDelayMs(null, 0, () => 0, 0)).toBe(250);
    expect(retryDelayMs(null, 3, () => 0.999_999, 0)).toBe(4_000);
    expect(retryDelayMs(null, 20, () => 0.999_999, 0)).toBe(30_000);
  });
});
