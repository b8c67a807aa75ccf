import { createTestSchema, eventually, type TestSchema } from "@edm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate";
import { pruneOnce, scheduleStatsPruning } from "./prune";
import { testLogs } from "./testing/stats-harness";

let schema: TestSchema;
let db: pg.Pool;

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "stats_prune");
  await migrate({ databaseUrl: schema.url, log: testLogs().log });
  db = new pg.Pool({ connectionString: schema.url, max: 2 });
});

afterAll(async () => {
  await db?.end();
  await schema?.drop();
});

describe("pruneOnce", () => {
  it("forgets event keys (ids and places) older than the retention, in chunks, and old per-minute counts", async () => {
    await db.query(`
      insert into processed_events (event_key, processed_at)
      select 'kafka:old:' || n, now() - interval '20 days' from generate_series(1, 25) as n
      union all
      select 'kafka:recent:' || n, now() - interval '1 day' from generate_series(1, 5) as n`);
    await db.query(`
      insert into processed_event_ids (event_key, processed_at)
      select gen_random_uuid(), now() - interval '20 days' from generate_series(1, 12) as n
      union all
      select gen_random_uuid(), now() - interval '1 day' from generate_series(1, 4) as n`);
    await db.query(`
      insert into minute_events (minute, topic, events) values
        (date_trunc('minute', now()) - interval '8 days', 'edm-ui-click', 4),
        (date_trunc('minute', now()), 'edm-ui-click', 1)`);

    const pruned = await pruneOnce(db, { dedupeRetentionMs: 15 * 24 * 3_600_000, chunkRows: 10 });

    expect(pruned).toEqual({ keys: 37, sessions: 0, minutes: 1, more: false });
    const keys = await db.query<{ event_key: string }>("select event_key from processed_events order by 1");
    expect(keys.rows.map((row) => row.event_key)).toEqual([1, 2, 3, 4, 5].map((n) => `kafka:recent:${n}`));
    const ids = await db.query<{ n: number }>("select count(*)::int as n from processed_event_ids");
    expect(ids.rows[0]?.n).toBe(4);
    await db.query("delete from processed_event_ids");
    expect((await db.query("select * from minute_events")).rowCount).toBe(1);
  });

  it("stops after maxChunks, leaving the rest for the next run", async () => {
    await db.query(`
      insert into processed_events (event_key, processed_at)
      select 'kafka:later:' || n, now() - interval '30 days' from generate_series(1, 30) as n`);
    const pruned = await pruneOnce(db, { dedupeRetentionMs: 24 * 3_600_000, chunkRows: 10, maxChunks: 2 });
    expect(pruned).toMatchObject({ keys: 20, more: true });
    await db.query("delete from processed_events");
  });

  it("forgets sessions whose first event is older than the session window", async () => {
    await db.query(`
      insert into sessions (session_id, first_seen_at)
      select 'gone-' || n, now() - interval '31 days' from generate_series(1, 15) as n
      union all
      select 'kept-' || n, now() - interval '29 days' from generate_series(1, 3) as n`);
    const pruned = await pruneOnce(db, { dedupeRetentionMs: 24 * 3_600_000, chunkRows: 10 });
    expect(pruned).toMatchObject({ sessions: 15, more: false });
    const { rows } = await db.query<{ left: string }>("select count(*)::text as left from sessions");
    expect(rows[0]?.left).toBe("3");
  });
});

describe("scheduleStatsPruning", () => {
  it("goes on at once while a backlog is left, without waiting for the next interval", async () => {
    await db.query(`
      insert into processed_events (event_key, processed_at)
      select 'kafka:backlog:' || n, now() - interval '30 days' from generate_series(1, 95) as n`);
    // 20 keys per run and an hour between runs: only running again at once clears 95 keys.
    const pruning = scheduleStatsPruning(
      db,
      testLogs().log,
      { dedupeRetentionMs: 24 * 3_600_000, chunkRows: 10, maxChunks: 2 },
      { intervalMs: 3_600_000, firstDelayMs: 0, backlogDelayMs: 0 },
    );
    try {
      await eventually(
        async () => (await db.query("select 1 from processed_events limit 1")).rowCount === 0,
        { timeoutMs: 20_000, intervalMs: 50, what: "the backlog of old keys cleared" },
      );
    } finally {
      await pruning.stop();
    }
  });
});
