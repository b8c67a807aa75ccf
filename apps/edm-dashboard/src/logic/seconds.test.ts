import { describe, expect, it } from "vitest";
import { SecondBuckets } from "./seconds";

const t0 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe("SecondBuckets", () => {
  it("gives a zero-filled series of exactly the window, oldest first, ending with the current second", () => {
    const series = new SecondBuckets(5).series(t0 + 400);
    expect(series.map((point) => point.secondsAgo)).toEqual([4, 3, 2, 1, 0]);
    expect(series.map((point) => point.at)).toEqual([t0 - 4000, t0 - 3000, t0 - 2000, t0 - 1000, t0]);
    expect(series.every((point) => point.clicks === 0 && point.pageloads === 0)).toBe(true);
  });

  it("counts events in real one-second buckets by the millisecond they arrived", () => {
    const buckets = new SecondBuckets(5);
    buckets.record("click", t0 - 1001); // second -2
    buckets.record("click", t0 - 1000); // second -1, its first millisecond
    buckets.record("click", t0 - 1); // second -1, its last millisecond
    buckets.record("pageload", t0 + 999); // current second
    const series = buckets.series(t0 + 999);
    expect(series.slice(2)).toEqual([
      { at: t0 - 2000, secondsAgo: 2, clicks: 1, pageloads: 0 },
      { at: t0 - 1000, secondsAgo: 1, clicks: 2, pageloads: 0 },
      { at: t0, secondsAgo: 0, clicks: 0, pageloads: 1 },
    ]);
  });

  it("slides: a second older than the window drops out", () => {
    const buckets = new SecondBuckets(3);
    buckets.record("click", t0);
    expect(buckets.series(t0 + 2500).map((point) => point.clicks)).toEqual([1, 0, 0]);
    expect(buckets.series(t0 + 3000).map((point) => point.clicks)).toEqual([0, 0, 0]);
  });

  it("keeps no more than the window's seconds in memory however long it runs", () => {
    const buckets = new SecondBuckets(3);
    for (let second = 0; second < 1000; second += 1) buckets.record("click", t0 + second * 1000);
    expect(buckets.series(t0 + 999_000).map((point) => point.clicks)).toEqual([1, 1, 1]);
    expect((buckets as unknown as { counts: Map<number, unknown> }).counts.size).toBeLessThanOrEqual(3);
  });
});
