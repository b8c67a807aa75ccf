import { createTestSchema, type TestSchema } from "@edm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate";
import { pruneOnce } from "./prune";
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
  it("forgets event keys older than the retention, in chunks, and old per-minute counts", async () => {
    await db.query(`
      insert into processed_events (event_key, processed_at)
      select 'old-' || n, now() - interval '20 days' from generate_series(1, 25) as n
      union all
      select 'recent-' || n, now() - interval '1 day' from generate_series(1, 5) as n`);
    await db.query(`
      insert into minute_events (minute, topic, events) values
        (date_trunc('minute', now()) - interval '8 days', 'edm-ui-click', 4),
        (date_trunc('minute', now()), 'edm-ui-click', 1)`);

    const pruned = await pruneOnce(db, { dedupeRetentionMs: 15 * 24 * 3_600_000, chunkRows: 10 });

    expect(pruned).toEqual({ keys: 25, minutes: 1 });
    const keys = await db.query<{ event_key: string }>("select event_key from processed_events order by 1");
    expect(keys.rows.map((row) => row.event_key)).toEqual([1, 2, 3, 4, 5].map((n) => `recent-${n}`));
    expect((await db.query("select * from minute_events")).rowCount).toBe(1);
  });

  it("stops after maxChunks, leaving the rest for the next run", async () => {
    await db.query(`
      insert into processed_events (event_key, processed_at)
      select 'later-' || n, now() - interval '30 days' from generate_series(1, 30) as n`);
    const pruned = await pruneOnce(db, { dedupeRetentionMs: 24 * 3_600_000, chunkRows: 10, maxChunks: 2 });
    expect(pruned.keys).toBe(20);
  });
});
