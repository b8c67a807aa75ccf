import { type RunningHttpServer, startHttpServer } from "@edm/runtime";
import { ClickCountsResponseSchema, PageloadCountsResponseSchema, StatsSummarySchema } from "@edm/schema";
import { createTestSchema, type TestSchema } from "@edm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "./app";
import { cacheQueries } from "./cached-queries";
import type { CountableEvent } from "./decode";
import { MAX_KEYS_PER_TABLE, OTHER_KEY } from "./key-cap";
import { LIST_LIMITS } from "./list-limit";
import { migrate } from "./migrate";
import { pruneOnce } from "./prune";
import { createQueries } from "./queries";
import { storeBatch } from "./store";
import { click, pageload, testLogs } from "./testing/stats-harness";

// Hostile input: 100,000 clicks on 100,000 distinct buttons and 100,000 loads of 100,000 distinct pages,
// from 200,000 distinct sessions, half of whose first events lie outside the session window. Stored the way
// the consumer stores a batch (storeBatch), several batches at once as several instances would.

const DISTINCT = 100_000;
const BATCH = 5_000;
const PARALLEL = 4;
const DAY = 24 * 3_600_000;

let schema: TestSchema;
let db: pg.Pool;
let http: RunningHttpServer;

function hostileEvents(): CountableEvent[][] {
  const now = Date.now();
  const events: CountableEvent[] = [];
  for (let n = 0; n < DISTINCT; n += 1) {
    // Even sessions began 40 days ago, odd ones just now.
    const occurredAt = n % 2 === 0 ? now - 40 * DAY : now;
    const clicked = click(`button-${n}`, { uuid: `click-session-${n}`, event_timestamp: occurredAt });
    const loaded = pageload(`/page/${n}`, { uuid: `load-session-${n}`, event_timestamp: occurredAt });
    for (const event of [clicked, loaded]) events.push({ key: event.id ?? "", event, occurredAt });
  }
  const batches: CountableEvent[][] = [];
  for (let start = 0; start < events.length; start += BATCH) batches.push(events.slice(start, start + BATCH));
  return batches;
}

async function count(sql: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`select (${sql})::text as n`);
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "stats_bounds");
  await migrate({ databaseUrl: schema.url, log: testLogs().log });
  db = new pg.Pool({ connectionString: schema.url, max: PARALLEL + 1 });
  const batches = hostileEvents();
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) await storeBatch(db, batch);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // A redelivery of a batch adds nothing, (other) row included.
  const first = batches[0] ?? [];
  expect(await storeBatch(db, first)).toEqual({ counted: 0, duplicates: first.length });

  const app = createApp({
    queries: createQueries(db),
    ready: async () => ({}),
    corsOrigins: [],
    log: testLogs().log,
  });
  http = await startHttpServer({ app, port: 0, log: testLogs().log });
}, 120_000);

afterAll(async () => {
  await http?.close();
  await db?.end();
  await schema?.drop();
});

describe(`${DISTINCT} distinct button ids, pages and sessions`, () => {
  it(`keep ${MAX_KEYS_PER_TABLE} named rows per table, count the rest as ${OTHER_KEY}, and lose no count`, async () => {
    for (const [table, column, total] of [
      ["click_counts", "button_id", "clicks"],
      ["page_loads", "page", "loads"],
    ]) {
      expect(await count(`select count(*) from ${table} where ${column} <> '${OTHER_KEY}'`)).toBe(
        MAX_KEYS_PER_TABLE,
      );
      expect(await count(`select ${total} from ${table} where ${column} = '${OTHER_KEY}'`)).toBe(
        DISTINCT - MAX_KEYS_PER_TABLE,
      );
      expect(await count(`select sum(${total}) from ${table}`)).toBe(DISTINCT);
    }
  });

  it("keep only the sessions of the window once pruned", async () => {
    expect(await count("select count(*) from sessions")).toBe(2 * DISTINCT);
    const pruned = await pruneOnce(db, { dedupeRetentionMs: 15 * DAY });
    expect(pruned).toMatchObject({ sessions: DISTINCT, more: false });
    expect(await count("select count(*) from sessions")).toBe(DISTINCT);
  });

  it("answer with bounded lists, the default and the largest, and exact totals", async () => {
    const get = async (path: string) => {
      const response = await fetch(`${http.url}${path}`);
      expect(response.status).toBe(200);
      return { bytes: Number(response.headers.get("content-length")), body: await response.json() };
    };
    const byDefault = ClickCountsResponseSchema.parse((await get("/api/clickCount")).body);
    expect(byDefault).toHaveLength(LIST_LIMITS.clickCount.fallback);
    expect(byDefault[0]).toEqual({ button_id: OTHER_KEY, sum: String(DISTINCT - MAX_KEYS_PER_TABLE) });

    const largest = await get(`/api/pageloadCount?limit=${LIST_LIMITS.pageloadCount.max}`);
    expect(PageloadCountsResponseSchema.parse(largest.body)).toHaveLength(LIST_LIMITS.pageloadCount.max);
    // A row is at most a 256-character page and a count: the answer stays well under half a megabyte.
    expect(largest.bytes).toBeLessThan(LIST_LIMITS.pageloadCount.max * 300);

    const summary = StatsSummarySchema.parse((await get("/api/summary")).body);
    expect(summary.totals).toEqual({ clicks: DISTINCT, pageloads: DISTINCT, sessions: DISTINCT });
  });

  it("hold one cached answer per route in memory, whatever limits are asked", async () => {
    const cached = cacheQueries(createQueries(db));
    for (let limit = 1; limit <= 50; limit += 1) {
      await Promise.all([
        cached.clickCounts(limit),
        cached.pageloadCounts(limit),
        cached.clickHistory(limit),
      ]);
    }
    await cached.summary();
    expect(cached.cachedAnswers()).toBe(4);
  });
});
