import { DEAD_LETTER_HEADERS } from "@edm/kafka";
import { DEAD_LETTER_TOPIC, type FunnelResponse, FunnelResponseSchema } from "@edm/schema";
import { readTopic, scrapeMetrics, sumOf } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BatchDeps } from "./batch-handler";
import { hourOf } from "./funnel";
import { migrateFunnel } from "./migrate";
import { type RunningFunnel, startFunnel } from "./service";
import {
  type FunnelTestEnv,
  GROUP_ID,
  produceEvents,
  setUpFunnelTest,
  shop,
  testLogs,
} from "./testing/funnel-harness";

// edm-funnel against the real broker and PostgreSQL: events through Kafka become sessions exactly once.

const MINUTE = 60_000;
// Two hours ago, a few minutes into the hour: every session starts within GET /api/funnel's last 24 hours.
const T = hourOf(Date.now()) - 2 * 3_600_000 + 5 * MINUTE;

let test: FunnelTestEnv;
const running: RunningFunnel[] = [];

beforeEach(async () => {
  test = await setUpFunnelTest("funnel_once");
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((funnel) => funnel.stop()));
  await test.close();
});

async function start(afterCommit?: BatchDeps["afterCommit"], logs = testLogs()) {
  const funnel = await startFunnel(test.config(), { log: logs.log, ...(afterCommit ? { afterCommit } : {}) });
  running.push(funnel);
  return funnel;
}

async function funnelOf(funnel: RunningFunnel): Promise<FunnelResponse> {
  const response = await fetch(`${funnel.url}/api/funnel?hours=24`);
  expect(response.status).toBe(200);
  return FunnelResponseSchema.parse(await response.json());
}

/** Four sessions over three visitors; "carol"'s two visits are joined by an event that arrives last. */
const journey = () => {
  const inOrder = [
    shop.visit("alice", T),
    shop.viewProduct("alice", T + MINUTE),
    shop.addToCart("alice", T + 2 * MINUTE),
    shop.placeOrder("alice", T + 3 * MINUTE),
    shop.visit("bob", T + 10 * MINUTE),
    shop.visit("carol", T),
    shop.viewProduct("carol", T + 50 * MINUTE),
    shop.visit("dave", T + 5 * MINUTE),
    shop.viewProduct("dave", T + 6 * MINUTE),
  ];
  // Backwards: the order completes before the visit starts, carol's two visits are two sessions until the
  // event between them comes, last.
  return [...inOrder.reverse(), shop.visit("carol", T + 25 * MINUTE)];
};

const JOURNEY_SESSIONS = { visited: 4, viewedProduct: 3, addedToCart: 1, checkedOut: 1 };

describe("edm-funnel stores each event once", () => {
  it("through Kafka, out of order and sent twice, into sessions that never increase down the funnel", async () => {
    const events = journey();
    // A producer retry: the same events (same ids) in Kafka twice.
    await produceEvents(test.producer, [...events, ...events.slice(0, 4)]);
    const funnel = await start();
    await test.allCommitted(events.length + 4);

    const answer = await funnelOf(funnel);
    expect(answer.total.sessions).toEqual(JOURNEY_SESSIONS);
    expect(answer.total.conversion).toEqual({ viewedProduct: 0.75, addedToCart: 1 / 3, checkedOut: 1 });
    expect(answer.byHour).toEqual([
      expect.objectContaining({ hour: new Date(hourOf(T)).toISOString(), sessions: JOURNEY_SESSIONS }),
    ]);
    const { rows } = await test.db.query<{ visitor: string; sessions: number }>(
      "select visitor, count(*)::int as sessions from funnel_sessions group by visitor order by visitor",
    );
    expect(rows).toEqual([
      { visitor: "alice", sessions: 1 },
      { visitor: "bob", sessions: 1 },
      { visitor: "carol", sessions: 1 },
      { visitor: "dave", sessions: 1 },
    ]);
    const samples = await scrapeMetrics(funnel.url);
    expect(sumOf(samples, "edm_kafka_consumer_records_total", { group: GROUP_ID })).toBe(events.length + 4);
  });

  it("when it crashes between the database commit and the offset commit, the redelivered batches add nothing", async () => {
    const events = journey();
    await produceEvents(test.producer, events);
    let stored = 0;
    const first = await start((outcome) => {
      stored += outcome.counted;
      throw new Error("simulated crash after the database commit");
    });
    await expect.poll(() => stored, { timeout: 45_000 }).toBe(events.length);
    await first.stop();
    running.splice(running.indexOf(first), 1);

    let redelivered = 0;
    let counted = 0;
    const second = await start((outcome) => {
      redelivered += outcome.records;
      counted += outcome.counted;
    });
    await test.allCommitted(events.length);
    expect(redelivered).toBeGreaterThanOrEqual(events.length);
    expect(counted).toBe(0);
    expect((await funnelOf(second)).total.sessions).toEqual(JOURNEY_SESSIONS);
  });

  it("a record PostgreSQL refuses goes to the dead-letter topic; the rest is stored", async () => {
    // A constraint added after the schema accepted the event: what a future column or check may do.
    await migrateFunnel({ databaseUrl: test.schema.url, log: testLogs().log });
    await test.db.query("alter table funnel_sessions add constraint no_poison check (visitor <> 'poison')");
    const poison = shop.visit("poison", T);
    await produceEvents(test.producer, [...journey(), poison]);
    const logs = testLogs();
    const funnel = await start(undefined, logs);
    await test.allCommitted(journey().length + 1);

    expect((await funnelOf(funnel)).total.sessions).toEqual(JOURNEY_SESSIONS);
    const letters = await readTopic(test.kafka, DEAD_LETTER_TOPIC, { count: 1, settleMs: 500 });
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters[0]?.value?.toString() ?? "")).toEqual(poison);
    expect(letters[0]?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(
      /^PostgreSQL refused it: SQLSTATE 23514: .*"no_poison"/,
    );
    expect(logs.lines().filter((line) => line.event === "funnel.record.refused")).toHaveLength(1);
    const samples = await scrapeMetrics(funnel.url);
    expect(sumOf(samples, "edm_dead_lettered_records_total", { group: GROUP_ID, reason: "refused" })).toBe(1);
  });
});

describe("GET /api/funnel", () => {
  it("refuses a bad hours with a 400 in JSON, and lets the dashboard read it (CORS)", async () => {
    const funnel = await start();
    for (const hours of ["0", "abc", "1000"]) {
      const response = await fetch(`${funnel.url}/api/funnel?hours=${hours}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [expect.objectContaining({ path: "hours" })] });
    }
    const response = await fetch(`${funnel.url}/api/funnel`, {
      headers: { origin: "http://dashboard.test" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("http://dashboard.test");
    expect(FunnelResponseSchema.parse(await response.json())).toMatchObject({ hours: 24, byHour: [] });
    expect((await fetch(`${funnel.url}/readyz`)).status).toBe(200);
  });
});
