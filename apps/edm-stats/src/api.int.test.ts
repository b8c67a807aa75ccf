import {
  ClickCountsResponseSchema,
  ClickHistoryResponseSchema,
  ORIGINAL_CLICK_EXAMPLE,
  ORIGINAL_PAGELOAD_EXAMPLE,
  PageloadCountsResponseSchema,
  StatsSummarySchema,
  SUMMARY_MINUTES,
} from "@edm/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { type RunningStats, startStats } from "./service";
import {
  click,
  pageload,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

let test: StatsTestEnv;
let stats: RunningStats;
const DAY = 24 * 3_600_000;
const NINTH = Date.UTC(2018, 10, 9, 12); // 2018-11-09, noon UTC
const now = Date.now();

beforeAll(async () => {
  test = await setUpStatsTest("stats_api");
  stats = await startStats(test.config(), { log: testLogs().log });
  const events = [
    // The original shop's own events (no id): two days in November 2018.
    ORIGINAL_CLICK_EXAMPLE,
    { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: NINTH + DAY },
    { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: NINTH + DAY + 1 },
    ORIGINAL_PAGELOAD_EXAMPLE,
    // Recent ones, for the last-hour series.
    click("espresso", { event_timestamp: now - 5 * 60_000 }),
    click("latte", { event_timestamp: now - 5 * 60_000 }),
    pageload("/menu", { event_timestamp: now }),
    pageload("/menu", { event_timestamp: now }),
  ];
  await produceEvents(test.producer, events);
  await test.allCommitted(events.length);
});

afterAll(async () => {
  await stats?.stop();
  await test?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stats.url}${path}`, { headers });
  return { response, body: (await response.json()) as unknown };
}

describe("the stats API", () => {
  it("GET /api/clickCount answers like the original: sums as text, most clicked first", async () => {
    const { response, body } = await get("/api/clickCount");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body).toEqual([
      { button_id: "the-camper's-kit", sum: "3" },
      { button_id: "espresso", sum: "1" },
      { button_id: "latte", sum: "1" },
    ]);
    expect(ClickCountsResponseSchema.parse(body)).toEqual(body);
  });

  it("answers at most ?limit= rows, and may be reused for a second", async () => {
    const { response, body } = await get("/api/clickCount?limit=2");
    expect(body).toEqual([
      { button_id: "the-camper's-kit", sum: "3" },
      { button_id: "espresso", sum: "1" },
    ]);
    expect(response.headers.get("cache-control")).toBe("public, max-age=1");
    expect((await get("/api/pageloadCount?limit=1")).body).toEqual([{ page: "/menu", loads: 2 }]);
    const history = ClickHistoryResponseSchema.parse((await get("/api/clickHistory?limit=1")).body);
    expect(history).toHaveLength(1);
  });

  it("refuses a bad limit with a 400 that says what is accepted, and is not cached", async () => {
    const { response, body } = await get("/api/clickCount?limit=0");
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      error: "the query is not valid",
      errors: [{ path: "limit", message: "must be a whole number from 1 to 1000" }],
    });
    expect((await get("/api/clickHistory?limit=many")).body).toMatchObject({
      errors: [{ path: "limit", message: "must be a whole number from 1 to 3650" }],
    });
  });

  it("GET /api/clickHistory answers like the original: UTC midnights, ascending, clicks as text", async () => {
    const { body } = await get("/api/clickHistory");
    const history = ClickHistoryResponseSchema.parse(body);
    expect(history.slice(0, 2)).toEqual([
      { Day: "2018-11-09T00:00:00.000Z", clicks: "1" },
      { Day: "2018-11-10T00:00:00.000Z", clicks: "2" },
    ]);
    const today = new Date(now - 5 * 60_000).toISOString().slice(0, 10);
    expect(history.at(-1)).toEqual({ Day: `${today}T00:00:00.000Z`, clicks: "2" });
  });

  it("GET /api/pageloadCount counts loads per page path, as numbers, most loaded first", async () => {
    const { body } = await get("/api/pageloadCount");
    expect(body).toEqual([
      { page: "/menu", loads: 2 },
      { page: "/", loads: 1 },
    ]);
    expect(PageloadCountsResponseSchema.parse(body)).toEqual(body);
  });

  it("GET /api/summary gives totals and the last hour minute by minute, zeros included", async () => {
    const { body } = await get("/api/summary");
    const summary = StatsSummarySchema.parse(body);
    expect(summary.totals).toEqual({ clicks: 5, pageloads: 3, sessions: 3 });
    expect(summary.perMinute).toHaveLength(SUMMARY_MINUTES);
    const minutes = summary.perMinute.map((entry) => Date.parse(entry.minute));
    expect(
      minutes.every((minute, index) => index === 0 || minute - (minutes[index - 1] ?? 0) === 60_000),
    ).toBe(true);
    expect(summary.perMinute.reduce((sum, entry) => sum + entry.clicks, 0)).toBe(2);
    expect(summary.perMinute.reduce((sum, entry) => sum + entry.pageloads, 0)).toBe(2);
    expect(summary.perMinute.filter((entry) => entry.clicks + entry.pageloads === 0).length).toBeGreaterThan(
      50,
    );
  });

  it("lets allowed origins read it, and only them", async () => {
    const allowed = await get("/api/clickCount", { origin: "http://dashboard.test" });
    expect(allowed.response.headers.get("access-control-allow-origin")).toBe("http://dashboard.test");
    expect(allowed.response.headers.get("access-control-allow-credentials")).toBeNull();
    const other = await get("/api/clickCount", { origin: "https://evil.example" });
    expect(other.response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers and JSON errors", async () => {
    const { response, body } = await get("/api/nothing-here");
    expect(response.status).toBe(404);
    expect(body).toEqual({ error: "there is nothing at GET /api/nothing-here" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("is alive and ready once it has joined its group and the database answers", async () => {
    expect((await get("/healthz")).response.status).toBe(200);
    const { response, body } = await get("/readyz");
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ checks: { kafka: true, database: true } });
  });
});

describe("the migrations", () => {
  it("ran inside the test's own schema, and running them again changes nothing", async () => {
    const { rows } = await test.db.query<{ table_schema: string; table_name: string }>(
      // Only the test's own schema and the default one: other schemas belong to tests running in parallel.
      `select table_schema, table_name from information_schema.tables
       where table_name in ('click_counts', 'pgmigrations') and table_schema in ($1, 'public')`,
      [test.schema.name],
    );
    expect(rows.map((row) => row.table_schema)).toEqual([test.schema.name, test.schema.name]);
    expect(await migrate({ databaseUrl: test.schema.url, log: testLogs().log })).toEqual([]);
  });
});

describe("without its database", () => {
  it("says it is not ready, and answers API calls with a JSON 503", async () => {
    const blind = await startStats(
      test.config({
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
        MIGRATE_ON_START: "0",
        STATS_GROUP_ID: "edm-stats-blind",
      }),
      { log: testLogs().log },
    );
    try {
      const ready = await fetch(`${blind.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ failing: ["database"] });
      const api = await fetch(`${blind.url}/api/summary`);
      expect(api.status).toBe(503);
      expect(api.headers.get("retry-after")).toBe("5");
      expect(await api.json()).toEqual({
        error: "the statistics could not be read from the database; try again shortly",
      });
    } finally {
      await blind.stop();
    }
  });
});
