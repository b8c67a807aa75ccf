import { LRUCache } from "lru-cache";
import { LIST_LIMITS } from "./list-limit";
import type { StatsQueries } from "./queries";

/** How long an answer is reused; the routes' Cache-Control max-age says the same to browsers and proxies. */
export const ANSWER_TTL_MS = 1_000;

export interface CachedQueries extends StatsQueries {
  /** Answers held right now: at most one per route, whatever the requests ask. */
  cachedAnswers(): number;
}

interface CacheClock {
  ttlMs?: number;
  /** Milliseconds from any origin; tests pass a clock of their own. */
  now?: () => number;
}

/**
 * Serves each route from ONE query per `ttlMs`, however many dashboards poll: concurrent identical requests
 * share the query in flight, and later ones reuse its answer until it is `ttlMs` old. Each list is read
 * once at its route's maximum length and cut to the `limit` asked for, so the cache holds one answer per
 * route (memory bounded by LIST_LIMITS) and no choice of `limit` can make a request miss it. A failed query
 * is not kept: the next request tries again.
 */
export function cacheQueries(queries: StatsQueries, clock: CacheClock = {}): CachedQueries {
  const clickCounts = sharedAnswer(() => queries.clickCounts(LIST_LIMITS.clickCount.max), clock);
  const clickHistory = sharedAnswer(() => queries.clickHistory(LIST_LIMITS.clickHistory.max), clock);
  const pageloadCounts = sharedAnswer(() => queries.pageloadCounts(LIST_LIMITS.pageloadCount.max), clock);
  const summary = sharedAnswer(() => queries.summary(), clock);
  const all = [clickCounts, clickHistory, pageloadCounts, summary];

  return {
    cachedAnswers: () => all.filter((answer) => answer.held()).length,
    clickCounts: async (limit) => (await clickCounts.get()).slice(0, limit),
    // Oldest first: the last `limit` days are at the end.
    clickHistory: async (limit) => (await clickHistory.get()).slice(-limit),
    pageloadCounts: async (limit) => (await pageloadCounts.get()).slice(0, limit),
    summary: () => summary.get(),
  };
}

/** One answer, loaded at most once per ttl; lru-cache's fetch coalesces the loads in flight. */
function sharedAnswer<T extends object>(load: () => Promise<T>, { ttlMs = ANSWER_TTL_MS, now }: CacheClock) {
  const cache = new LRUCache<"answer", T>({
    max: 1,
    ttl: ttlMs,
    // Read the clock on every request (the default caches it for 1 ms, behind a timer).
    ttlResolution: 0,
    ...(now ? { perf: { now } } : {}),
    fetchMethod: load,
  });
  return {
    async get(): Promise<T> {
      const value = await cache.fetch("answer");
      // fetchMethod resolves a value or rejects, so fetch cannot resolve undefined here.
      if (value === undefined) throw new Error("the statistics query gave no answer");
      return value;
    },
    held: () => cache.size > 0,
  };
}
