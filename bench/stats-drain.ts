/**
 * How fast edm-stats drains a backlog, counting it exactly once into PostgreSQL, against the client's own
 * ceiling: a consumer through @edm/kafka that does nothing with its batches (offsets committed the same
 * way) draining the same backlog on the same broker, in the same run.
 *
 *   pnpm bench:stats            (EVENTS=200000 to change the backlog)
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

const noop = await drain(kafka, "noop", async () => {
  const consumer = kafka.consumer({ groupId: "noop", topics: [...EVENT_TOPICS], fromBeginning: true });
  await consumer.start(async () => {});
  return consumer.stop;
});

const databaseUrl = await resolveDatabaseUrl({ database: "edm_bench" });
const schema = await createTestSchema(databaseUrl, "bench_stats");
const stats = await drain(kafka, "edm-stats", async () => {
  const running = await startStats(
    loadConfig({
      ...env,
      DATABASE_URL: schema.url,
      PORT: "0",
      MIGRATE_ON_START: "1",
      STATS_GROUP_ID: "edm-stats",
    }),
    { log },
  );
  return running.stop;
});

// Exactly once: the aggregates hold every event, once.
const check = new pg.Client({ connectionString: schema.url });
await check.connect();
const { rows } = await check.query<{ total: string }>(
  "select coalesce(sum(events), 0)::text as total from daily_events",
);
await check.end();
await schema.drop();

console.table([
  { label: "ceiling: no-op consumer (@edm/kafka)", seconds: noop.seconds.toFixed(2), "events/s": noop.rate },
  { label: "edm-stats, exactly once", seconds: stats.seconds.toFixed(2), "events/s": stats.rate },
]);
console.log(
  `edm-stats / ceiling: ${(stats.rate / noop.rate).toFixed(2)}× (goal ≥ 0.8×); counted ${rows[0]?.total} of ${events} events`,
);
process.exit(0);
