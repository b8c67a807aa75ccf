import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type PipelineHealth, PipelineHealthSchema, TOPICS } from "@edm/schema";
import { eventually, scrapeMetrics, sumOf } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningStats, startStats } from "./service";
import {
  asRecord,
  click,
  GROUP_ID,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

const TOKEN = "stats-metrics-token-for-tests";

let test: StatsTestEnv;
let stats: RunningStats | undefined;
let relay: Server | undefined;

beforeEach(async () => {
  test = await setUpStatsTest("stats_pipeline");
});

afterEach(async () => {
  await stats?.stop();
  stats = undefined;
  await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
  relay = undefined;
  await test.close();
});

/** A stand-in relay whose /readyz says ready: only its answer matters here. */
async function readyRelay(): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ready"}');
  });
  relay = server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function pipeline(url: string): Promise<PipelineHealth> {
  const response = await fetch(`${url}/api/pipeline`);
  expect(response.status).toBe(200);
  return PipelineHealthSchema.parse(await response.json());
}

describe("edm-stats's /metrics and GET /api/pipeline", () => {
  it("show the group's lag while a batch is held and 0 once counted, dead letters, rates and readiness", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    stats = await startStats(
      test.config({ METRICS_TOKEN: TOKEN, RELAY_URL: await readyRelay(), STREAM_URL: "http://127.0.0.1:9" }),
      { log: testLogs().log, afterCommit: () => held },
    );
    await produceEvents(test.producer, [click("a"), click("b"), click("c")]);
    await test.producer.send(TOPICS.click, [{ key: "k", value: "not JSON {" }, asRecord(click("d"))]);

    // The first batch is held after its database commit, before Kafka's: the group is behind.
    await eventually(async () => ((await pipeline(stats?.url ?? "")).groups[0]?.lag ?? 0) > 0, {
      what: "lag reported while a batch is held",
    });
    const behind = await pipeline(stats.url);
    expect(behind.groups[0]).toMatchObject({ group: GROUP_ID, members: 1 });

    release();
    await test.allCommitted(5);
    let health = await pipeline(stats.url);
    await eventually(
      async () => {
        health = await pipeline(stats?.url ?? "");
        return health.groups[0]?.lag === 0 && health.deadLetters === 1;
      },
      { what: "the group caught up and the dead letter written" },
    );
    expect(health.kafkaProblem).toBeNull();
    expect(health.groups[0]?.partitions.every((partition) => partition.lag === 0)).toBe(true);
    expect(health.services).toEqual([
      { name: "edm-stats", ready: true },
      { name: "edm-relay", ready: true },
      { name: "edm-stream", ready: false, detail: "cannot be reached" },
    ]);
    // Rates come from two measurements; once both were taken after the last commit, nothing moves.
    await eventually(
      async () => {
        const { written, counted } = (await pipeline(stats?.url ?? "")).eventsPerSecond;
        return written === 0 && counted === 0;
      },
      { what: "rates of 0 once nothing is written or counted" },
    );

    expect((await fetch(`${stats.url}/metrics`)).status).toBe(401);
    const samples = await scrapeMetrics(stats.url, TOKEN);
    expect(
      sumOf(samples, "edm_kafka_consumer_records_total", { group: GROUP_ID, service: "edm-stats" }),
    ).toBe(5);
    expect(sumOf(samples, "edm_kafka_consumer_lag", { group: GROUP_ID })).toBe(0);
    expect(sumOf(samples, "edm_dead_lettered_records_total", { group: GROUP_ID, reason: "invalid" })).toBe(1);
    expect(
      sumOf(samples, "edm_http_request_duration_seconds_count", { route: "/api/pipeline" }),
    ).toBeGreaterThan(0);
    expect(
      sumOf(samples, "edm_kafka_consumer_handler_duration_seconds_count", { group: GROUP_ID }),
    ).toBeGreaterThan(0);
  });
});
