import { setTimeout as sleep } from "node:timers/promises";
import { eventually, type PrivatePostgres, startPrivatePostgres } from "@edm/testkit";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningStats, startStats } from "./service";
import {
  click,
  pageload,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

// A PostgreSQL of the test's own: the machine's shared server is never stopped or restarted by a test.
let postgres: PrivatePostgres;
let test: StatsTestEnv;
let stats: RunningStats | undefined;
let db: pg.Pool;

beforeEach(async () => {
  [postgres, test] = await Promise.all([startPrivatePostgres(), setUpStatsTest("stats_outage")]);
  db = new pg.Pool({ connectionString: postgres.url, max: 1 });
  // The test's own pool sees the outages too.
  db.on("error", () => {});
});

afterEach(async () => {
  await stats?.stop();
  stats = undefined;
  await db.end();
  await test.close();
  await postgres.destroy();
});

async function readyz(url: string): Promise<{ status: number; body: { failing?: string[] } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { failing?: string[] } };
}

async function counted(): Promise<{ events: number; keys: number }> {
  const { rows } = await db.query<{ events: number; keys: number }>(
    `select (select coalesce(sum(events), 0)::int from daily_events) as events,
            (select count(*)::int from processed_event_ids)
              + (select count(*)::int from processed_events) as keys`,
  );
  return rows[0] ?? { events: 0, keys: 0 };
}

describe("edm-stats while PostgreSQL restarts, or stops for a while", () => {
  it("stays up, says 503 naming the database meanwhile, and then counts every event exactly once", async () => {
    const logs = testLogs();
    stats = await startStats(test.config({ DATABASE_URL: postgres.url }), { log: logs.log });
    const url = stats.url;

    // A steady flow of events for the whole test, written to Kafka as the relay does.
    let produced = 0;
    let flowing = true;
    const flow = (async () => {
      for (let round = 0; flowing; round += 1) {
        const batch = [
          ...Array.from({ length: 8 }, (_, index) => click(`b${(round + index) % 4}`)),
          pageload("/"),
        ];
        await produceEvents(test.producer, batch);
        produced += batch.length;
        await sleep(100);
      }
    })();
    const countedSoFar = async (at: number) => {
      await eventually(async () => (await counted()).events >= at, {
        timeoutMs: 60_000,
        what: `${at} counted`,
      });
    };

    await countedSoFar(1);
    // 1. A restart, as on a minor-version upgrade: every session is ended (57P01), mid-transaction too.
    await postgres.restart();
    await countedSoFar(produced);

    // 2. Down for a few seconds, as on a crash and a failover.
    await postgres.kill();
    await eventually(
      async () => {
        const { status, body } = await readyz(url);
        return status === 503 && (body.failing ?? []).includes("database");
      },
      { what: "/readyz to answer 503 naming the database" },
    );
    await sleep(3_000);
    await postgres.start();
    await eventually(async () => (await readyz(url)).status === 200, { what: "/readyz to answer 200 again" });

    flowing = false;
    await flow;
    await test.allCommitted(produced, 90_000);
    expect(await counted()).toEqual({ events: produced, keys: produced });

    const events = logs.lines().map((line) => line.event);
    expect(events).toContain("stats.database.unreachable");
    expect(events).toContain("stats.database.recovered");
    // Ridden through inside the handler: never a failed batch, never a consumer crash.
    const messages = logs.lines().map((line) => String(line.msg));
    expect(messages.filter((msg) => /Kafka handler failed|Kafka consumer crashed/.test(msg))).toEqual([]);
  }, 180_000);
});
