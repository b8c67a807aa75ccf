import type { StatsSummary } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { cacheQueries } from "./cached-queries";
import { LIST_LIMITS } from "./list-limit";
import type { StatsQueries } from "./queries";

// A fake of the database queries: counts the calls and the limits they were asked for.
function countingQueries() {
  const calls: string[] = [];
  let failNext = false;
  let release: (() => void) | undefined;
  const gate = () =>
    release === undefined ? Promise.resolve() : new Promise<void>((resolve) => (release = resolve));
  const queries: StatsQueries = {
    async clickCounts(limit) {
      calls.push(`clickCounts(${limit})`);
      await gate();
      if (failNext) {
        failNext = false;
        throw new Error("database gone");
      }
      return Array.from({ length: 1_000 }, (_, n) => ({ button_id: `b${n}`, sum: String(1_000 - n) }));
    },
    async clickHistory(limit) {
      calls.push(`clickHistory(${limit})`);
      return [
        { Day: "2018-11-09T00:00:00.000Z", clicks: "1" },
        { Day: "2018-11-10T00:00:00.000Z", clicks: "2" },
      ];
    },
    async pageloadCounts(limit) {
      calls.push(`pageloadCounts(${limit})`);
      return [];
    },
    async summary() {
      calls.push("summary()");
      return { totals: { clicks: 0, pageloads: 0, sessions: 0 }, perMinute: [] } satisfies StatsSummary;
    },
  };
  return {
    queries,
    calls,
    failOnce: () => {
      failNext = true;
    },
    hold: () => {
      release = () => {};
    },
    releaseHeld: () => {
      const held = release;
      release = undefined;
      held?.();
    },
  };
}

describe("cacheQueries", () => {
  it("asks the database once per ttl, at the route's maximum, and cuts each answer to the limit asked", async () => {
    // Not 0: lru-cache reads a start time of 0 as "never expires".
    let clock = 10_000;
    const fake = countingQueries();
    const cached = cacheQueries(fake.queries, { ttlMs: 1_000, now: () => clock });

    expect(await cached.clickCounts(3)).toEqual([
      { button_id: "b0", sum: "1000" },
      { button_id: "b1", sum: "999" },
      { button_id: "b2", sum: "998" },
    ]);
    expect(await cached.clickCounts(100)).toHaveLength(100);
    clock = 10_999;
    expect(await cached.clickCounts(1_000)).toHaveLength(1_000);
    expect(fake.calls).toEqual([`clickCounts(${LIST_LIMITS.clickCount.max})`]);

    clock = 11_001;
    await cached.clickCounts(1);
    expect(fake.calls).toHaveLength(2);
  });

  it("keeps the most recent days of the history, oldest first", async () => {
    const cached = cacheQueries(countingQueries().queries);
    expect(await cached.clickHistory(1)).toEqual([{ Day: "2018-11-10T00:00:00.000Z", clicks: "2" }]);
    expect(await cached.clickHistory(365)).toHaveLength(2);
  });

  it("shares one query among concurrent requests", async () => {
    const fake = countingQueries();
    const cached = cacheQueries(fake.queries, { now: () => 10_000 });
    fake.hold();
    const answers = Promise.all(Array.from({ length: 50 }, (_, n) => cached.clickCounts(n + 1)));
    fake.releaseHeld();
    expect((await answers).map((rows) => rows.length)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
    expect(fake.calls).toHaveLength(1);
  });

  it("keeps no failed answer: the next request asks again", async () => {
    const fake = countingQueries();
    const cached = cacheQueries(fake.queries, { now: () => 10_000 });
    fake.failOnce();
    await expect(cached.clickCounts(1)).rejects.toThrow("database gone");
    expect(cached.cachedAnswers()).toBe(0);
    expect(await cached.clickCounts(1)).toHaveLength(1);
    expect(fake.calls).toHaveLength(2);
  });

  it("holds one answer per route at most", async () => {
    const cached = cacheQueries(countingQueries().queries, { now: () => 10_000 });
    for (let limit = 1; limit <= 20; limit += 1) {
      await Promise.all([
        cached.clickCounts(limit),
        cached.clickHistory(limit),
        cached.pageloadCounts(limit),
        cached.summary(),
      ]);
    }
    expect(cached.cachedAnswers()).toBe(4);
  });
});
