import { eventually } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFunnel } from "./migrate";
import { FUNNEL_SESSION_WINDOW_MS, pruneFunnelOnce } from "./prune";
import { startFunnel } from "./service";
import { type FunnelTestEnv, setUpFunnelTest, testLogs } from "./testing/funnel-harness";

// edm-funnel's tables stay bounded: event keys are forgotten after DEDUPE_RETENTION (which must cover the
// topics' retention, checked at start) and sessions once too old for any funnel the API shows.

const DAY = 24 * 3_600_000;
let test: FunnelTestEnv;

beforeAll(async () => {
  test = await setUpFunnelTest("funnel_prune");
  await migrateFunnel({ databaseUrl: test.schema.url, log: testLogs().log });
});

afterAll(async () => {
  await test?.close();
});

async function insertKeys(prefix: string, count: number, daysAgo: number) {
  await test.db.query(
    `insert into funnel_processed_events (event_key, processed_at)
     select $1 || n, now() - make_interval(days => $3) from generate_series(1, $2) as n`,
    [prefix, count, daysAgo],
  );
}

async function insertSessions(visitor: string, count: number, daysAgo: number) {
  await test.db.query(
    `insert into funnel_sessions (visitor, started_at, ended_at, depth)
     select $1 || n, now() - make_interval(days => $3), now() - make_interval(days => $3), 1
     from generate_series(1, $2) as n`,
    [visitor, count, daysAgo],
  );
}

const countOf = async (table: string) =>
  Number((await test.db.query<{ n: string }>(`select count(*)::text as n from ${table}`)).rows[0]?.n);

describe("pruneFunnelOnce", () => {
  it("forgets keys older than DEDUPE_RETENTION and sessions older than the window, in chunks", async () => {
    await insertKeys("old-", 25, 20);
    await insertKeys("recent-", 5, 1);
    const windowDays = FUNNEL_SESSION_WINDOW_MS / DAY;
    await insertSessions("gone-", 12, windowDays + 1);
    await insertSessions("kept-", 3, windowDays - 1);

    const pruned = await pruneFunnelOnce(test.db, { dedupeRetentionMs: 15 * DAY, chunkRows: 10 });

    expect(pruned).toEqual({ forgotten: { keys: 25, sessions: 12 }, more: false });
    expect(await countOf("funnel_processed_events")).toBe(5);
    expect(await countOf("funnel_sessions")).toBe(3);
  });

  it("stops after maxChunks, saying more is left", async () => {
    await insertKeys("later-", 30, 40);
    const pruned = await pruneFunnelOnce(test.db, { dedupeRetentionMs: DAY, chunkRows: 10, maxChunks: 2 });
    expect(pruned).toMatchObject({ forgotten: { keys: 20 }, more: true });
  });
});

describe("a running edm-funnel", () => {
  it("prunes on its own, going on at once while a backlog is left", async () => {
    await test.db.query("truncate funnel_processed_events, funnel_sessions");
    await insertKeys("backlog-", 95, 30);
    const funnel = await startFunnel(test.config(), {
      log: testLogs().log,
      pruneSchedule: { intervalMs: 3_600_000, firstDelayMs: 0, backlogDelayMs: 0 },
    });
    try {
      await eventually(async () => (await countOf("funnel_processed_events")) === 0, {
        timeoutMs: 20_000,
        intervalMs: 50,
        what: "the old keys forgotten",
      });
    } finally {
      await funnel.stop();
    }
  });

  it("refuses to start when DEDUPE_RETENTION is shorter than the topics' retention, naming both", async () => {
    // The test topics keep the local broker's default, 24h (log.retention.hours).
    await expect(
      startFunnel(test.config({ DEDUPE_RETENTION: "12h" }), { log: testLogs().log }),
    ).rejects.toThrow(
      /edm-funnel refuses to start: an event could be counted twice\. DEDUPE_RETENTION \(12h\) is shorter than the retention of topic/,
    );
  });
});
