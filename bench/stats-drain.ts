/**
 * edm-stats draining a backlog of N click events exactly once (its own process, counting into its own
 * PostgreSQL schema) against a consumer of @edm/kafka that does nothing with the records: the client's
 * ceiling. Both read the same backlog, each with a fresh consumer group.
 */
import { performance } from "node:perf_hooks";
import type { KafkaClient } from "@edm/kafka";
import {
  EVENT_TOPICS,
  encodeEventRecord,
  MAX_BATCH_EVENTS,
  randomUUID,
  TOPICS,
  withEventId,
} from "@edm/schema";
import { createTestSchema, eventually, uniqueName } from "@edm/testkit";
import pg from "pg";
import { benchTopics } from "./support/bench-topics";
import { clickBatch } from "./support/events";
import { localDatabaseUrl } from "./support/local-services";
import { inTurns } from "./support/rounds";
import { startService } from "./support/service-process";
import { settings } from "./support/settings";
import { printComparisons } from "./support/table";

const backlog = Number(process.env.BENCH_STATS_EVENTS ?? 200_000);
const STATS_SCRIPT = "apps/edm-stats/src/main.ts";
const POLL_MS = 50;

/**
 * A drain's pace: events counted between the first and the last observation, over the time between
 * them, so start-up (process, group join, migrations) is left out for both sides alike.
 */
class DrainClock {
  private first?: { at: number; count: number };
  private last?: { at: number; count: number };
  observe(count: number) {
    if (count === 0) return;
    const now = { at: performance.now(), count };
    this.first ??= now;
    this.last = now;
  }
  eventsPerSecond(): number {
    if (!this.first || !this.last || this.last.at === this.first.at) return Number.NaN;
    return (this.last.count - this.first.count) / ((this.last.at - this.first.at) / 1_000);
  }
}

async function writeBacklog(kafka: KafkaClient): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let start = 0; start < backlog; start += 4 * MAX_BATCH_EVENTS) {
      await Promise.all(
        [0, 1, 2, 3].map(async (k) => {
          const size = Math.min(MAX_BATCH_EVENTS, backlog - start - k * MAX_BATCH_EVENTS);
          if (size <= 0) return;
          const records = clickBatch(start / MAX_BATCH_EVENTS + k, size).map(
            (event) => encodeEventRecord(withEventId(event, randomUUID)).record,
          );
          await producer.send(TOPICS.click, records);
        }),
      );
    }
  } finally {
    await producer.disconnect();
  }
}

async function noopConsumerEventsPerSecond(kafka: KafkaClient): Promise<number> {
  const clock = new DrainClock();
  let seen = 0;
  const consumer = kafka.consumer({
    groupId: uniqueName("bench-noop"),
    topics: [...EVENT_TOPICS],
    fromBeginning: true,
  });
  await consumer.start(async (batch) => {
    seen += batch.records.length;
    clock.observe(seen);
  });
  try {
    await eventually(() => seen >= backlog, {
      timeoutMs: 600_000,
      intervalMs: POLL_MS,
      what: "the no-op consumer's drain",
    });
  } finally {
    await consumer.stop();
  }
  return clock.eventsPerSecond();
}

async function statsEventsPerSecond(env: Record<string, string>, databaseUrl: string): Promise<number> {
  const schema = await createTestSchema(databaseUrl, "bench_stats");
  const db = new pg.Client({ connectionString: schema.url });
  const stats = await startService({
    script: STATS_SCRIPT,
    env: {
      ...env,
      DATABASE_URL: schema.url,
      MIGRATE_ON_START: "true",
      STATS_GROUP_ID: uniqueName("bench-stats"),
    },
    cpuProfileDir: settings.cpuProfileDir,
  });
  try {
    await db.connect();
    const clock = new DrainClock();
    const counted = async () => {
      const { rows } = await db.query<{ clicks: string }>(
        "select coalesce(sum(events), 0)::text as clicks from daily_events where topic = $1",
        [TOPICS.click],
      );
      const count = Number(rows[0]?.clicks ?? 0);
      clock.observe(count);
      if (count > backlog)
        throw new Error(`edm-stats counted ${count} clicks of ${backlog}: not exactly once`);
      return count === backlog;
    };
    await eventually(counted, { timeoutMs: 600_000, intervalMs: POLL_MS, what: "edm-stats's drain" });
    return clock.eventsPerSecond();
  } finally {
    await stats.stop();
    await db.end();
    await schema.drop();
  }
}

export async function benchStatsDrain(): Promise<void> {
  const kafka = await benchTopics();
  try {
    await writeBacklog(kafka.kafka);
    const databaseUrl = await localDatabaseUrl();
    const { ceiling, measured } = await inTurns(
      () => noopConsumerEventsPerSecond(kafka.kafka),
      () => statsEventsPerSecond(kafka.env, databaseUrl),
      (eventsPerSecond) => eventsPerSecond,
    );
    printComparisons(
      `edm-stats draining ${backlog} click events exactly once vs a no-op consumer: median of ${settings.rounds} drains`,
      [{ figure: "drained", unit: "events/s", measured, ceiling, goal: 0.8 }],
    );
  } finally {
    await kafka.cleanUp();
  }
}
