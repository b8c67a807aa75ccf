/**
 * How fast edm-stats drains a backlog, counting it exactly once into PostgreSQL, against the client's own
 * ceiling: a consumer through @edm/kafka that does nothing with its batches (offsets committed the same
 * way) draining the same backlog on the same broker, in the same run.
 *
 *   pnpm bench:stats            (EVENTS=200000 ROUNDS=3 PARTITIONS=3)
 */
import { randomUUID } from "node:crypto";
import type { KafkaClient } from "@edm/kafka";
import { createLogger } from "@edm/runtime";
import { ALL_TOPICS, EVENT_TOPICS } from "@edm/schema";
import { createTestSchema, testKafka } from "@edm/testkit";
import pg from "pg";
import { loadConfig } from "../apps/edm-stats/src/config";
import { startStats } from "../apps/edm-stats/src/service";
import { resolveDatabaseUrl } from "../scripts/postgres/postgres";
import { benchEvent, produceEvents } from "./bench-events";
import { localKafkaEnv } from "./local-kafka";

const events = Number(process.env.EVENTS ?? 200_000);
const partitions = Number(process.env.PARTITIONS ?? 3);
const rounds = Number(process.env.ROUNDS ?? 3);
const log = createLogger({ service: "bench", env: { LOG_LEVEL: "warn" } });

/** Sum of a group's committed offsets over the event topics. */
async function committed(kafka: KafkaClient, groupId: string): Promise<number> {
  const admin = kafka.admin();
  try {
    let total = 0;
    for (const topic of EVENT_TOPICS) {
      const offsets = await admin.fetchCommittedOffsets(groupId, topic);
      total += offsets.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    }
    return total;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Events per second from the moment the consumer has joined its group (start-up — migrations, joining —
 * is not what is measured) until the group has committed the whole backlog.
 */
async function drain(kafka: KafkaClient, groupId: string, start: () => Promise<() => Promise<void>>) {
  const stop = await start();
  const began = performance.now();
  const before = await committed(kafka, groupId);
  while ((await committed(kafka, groupId)) < events) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - began) / 1000;
  await stop();
  return { seconds, rate: Math.round((events - before) / seconds) };
}

const prefix = `bench-${randomUUID().slice(0, 8)}.`;
const env = { ...(await localKafkaEnv()), KAFKA_PREFIX: prefix };
const kafka = testKafka(env, "edm-bench");
const admin = kafka.admin();
await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions })));
await admin.disconnect();

const producer = kafka.producer();
await producer.connect();
const runId = randomUUID().slice(0, 8);
const backlog = Array.from({ length: events }, (_, index) => benchEvent(index, runId));
await produceEvents(producer, backlog);
await producer.disconnect();
console.log(`edm-stats: a backlog of ${events} events over ${EVENT_TOPICS.length}×${partitions} partitions`);

const databaseUrl = await resolveDatabaseUrl({ database: "edm_bench" });

async function noopDrain(round: number) {
  const groupId = `noop-${round}`;
  return drain(kafka, groupId, async () => {
    const consumer = kafka.consumer({ groupId, topics: [...EVENT_TOPICS], fromBeginning: true });
    await consumer.start(async () => {});
    return consumer.stop;
  });
}

/** edm-stats from an empty schema of its own; also checks it counted every event exactly once. */
async function statsDrain(round: number) {
  const groupId = `edm-stats-${round}`;
  const schema = await createTestSchema(databaseUrl, "bench_stats");
  const result = await drain(kafka, groupId, async () => {
    const running = await startStats(
      loadConfig({
        ...env,
        DATABASE_URL: schema.url,
        PORT: "0",
        MIGRATE_ON_START: "1",
        STATS_GROUP_ID: groupId,
      }),
      { log },
    );
    return running.stop;
  });
  const check = new pg.Client({ connectionString: schema.url });
  await check.connect();
  const { rows } = await check.query<{ total: string }>(
    "select coalesce(sum(events), 0)::text as total from daily_events",
  );
  await check.end();
  await schema.drop();
  const counted = Number(rows[0]?.total ?? 0);
  if (counted !== events) throw new Error(`edm-stats counted ${counted} of ${events} events`);
  return result;
}

// Alternated, so that a burst of other work on the machine falls on both; the median of each is reported.
const noopRates: number[] = [];
const statsRates: number[] = [];
for (let round = 1; round <= rounds; round += 1) {
  noopRates.push((await noopDrain(round)).rate);
  statsRates.push((await statsDrain(round)).rate);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const [noop, stats] = [median(noopRates), median(statsRates)];

console.table([
  { label: "ceiling: no-op consumer (@edm/kafka)", "events/s (median)": noop, rounds: noopRates.join(" ") },
  { label: "edm-stats, exactly once", "events/s (median)": stats, rounds: statsRates.join(" ") },
]);
console.log(
  `edm-stats / ceiling: ${(stats / noop).toFixed(2)}× (goal ≥ 0.8×); every event counted exactly once`,
);
process.exit(0);
