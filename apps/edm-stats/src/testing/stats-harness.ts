import { randomUUID } from "node:crypto";
import type { KafkaClient, KafkaProducer } from "@edm/kafka";
import { type CapturedLogs, captureLogs } from "@edm/runtime";
import { ALL_TOPICS, type EdmEvent, EVENT_TOPICS, TOPICS } from "@edm/schema";
import { createTestSchema, eventually, type TestSchema, testKafka, uniqueName } from "@edm/testkit";
import pg from "pg";
import { inject } from "vitest";
import { loadConfig, type StatsConfig } from "../config";

// Shared set-up of the edm-stats integration tests: a KAFKA_PREFIX of the test's own (so the service runs
// with its real, logical topic and group names), those topics created, and a PostgreSQL schema of its own.

export const GROUP_ID = "edm-stats";

export interface StatsTestEnv {
  prefix: string;
  /** Variables as Heroku would set them, for loadConfig or a child process. */
  env: Record<string, string>;
  /** A client with the test's prefix: logical names, like the service's. */
  kafka: KafkaClient;
  producer: KafkaProducer;
  schema: TestSchema;
  /** A pool on the test's schema, for assertions. */
  db: pg.Pool;
  config(overrides?: Record<string, string>): StatsConfig;
  /** Sum of the stats group's committed offsets over both event topics. */
  committed(): Promise<number>;
  /** Events counted so far, read from the database. */
  countedTotal(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The service's logger in a test: lines are kept in memory to assert on, and out of the test output,
 * where the failures a test provokes on purpose would read like real ones.
 */
export function testLogs(): CapturedLogs {
  return captureLogs({ service: "edm-stats", level: "debug" });
}

export async function setUpStatsTest(purpose: string): Promise<StatsTestEnv> {
  const prefix = `${uniqueName(purpose)}.`;
  const kafkaEnv = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix };
  const kafka = testKafka(kafkaEnv, "edm-stats-test");
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions: 3 })));
  } finally {
    await admin.disconnect();
  }
  const schema = await createTestSchema(inject("databaseUrl"), purpose);
  const db = new pg.Pool({ connectionString: schema.url, max: 2 });
  const producer = kafka.producer();
  await producer.connect();
  const env = {
    ...kafkaEnv,
    DATABASE_URL: schema.url,
    PORT: "0",
    STATS_GROUP_ID: GROUP_ID,
    MIGRATE_ON_START: "1",
    // The smallest the broker allows: a killed instance's partitions move on within seconds.
    STATS_SESSION_TIMEOUT: "6s",
    CORS_ORIGINS: "http://dashboard.test",
  };
  const groupAdmin = kafka.admin();

  return {
    prefix,
    env,
    kafka,
    producer,
    schema,
    db,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }),
    async committed() {
      let total = 0;
      for (const topic of EVENT_TOPICS) {
        const offsets = await groupAdmin.fetchCommittedOffsets(GROUP_ID, topic);
        total += offsets.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
      }
      return total;
    },
    async countedTotal() {
      const exists = await db.query("select to_regclass('daily_events') is not null as ready");
      if (!exists.rows[0]?.ready) return 0;
      const { rows } = await db.query<{ total: string }>(
        "select coalesce(sum(events), 0)::text as total from daily_events",
      );
      return Number(rows[0]?.total ?? 0);
    },
    async close() {
      await producer.disconnect();
      await groupAdmin.disconnect();
      await db.end();
      await schema.drop();
      const cleanup = kafka.admin();
      await cleanup.deleteTopics([...ALL_TOPICS]).catch(() => {});
      await cleanup.disconnect();
    },
  };
}

/** Waits until the group has committed `records` offsets: every record produced so far is handled. */
export async function allCommitted(test: StatsTestEnv, records: number, timeoutMs = 45_000): Promise<void> {
  await eventually(async () => (await test.committed()) >= records, {
    timeoutMs,
    intervalMs: 200,
    what: `${records} offsets committed by the stats group`,
  });
}

let clock = Date.now() - 120_000;

/** A valid click with an id; timestamps increase so a series of them spreads over real time. */
export function click(buttonId: string, overrides: Partial<EdmEvent> = {}): EdmEvent {
  clock += 1;
  return {
    topic: TOPICS.click,
    id: randomUUID(),
    uuid: `session-${buttonId.length % 3}`,
    event_timestamp: clock,
    properties: { button_id: buttonId, description: "button click" },
    ...overrides,
  } as EdmEvent;
}

export function pageload(path: string, overrides: Partial<EdmEvent> = {}): EdmEvent {
  clock += 1;
  return {
    topic: TOPICS.pageload,
    id: randomUUID(),
    uuid: "session-pages",
    event_timestamp: clock,
    properties: {
      user_agent: "Mozilla/5.0 (test)",
      description: "page loaded",
      url: `https://shop.example${path}`,
    },
    ...overrides,
  } as EdmEvent;
}

// One way to write events as the relay does, for every test: @edm/testkit's.
export { asRecord, produceEvents } from "@edm/testkit";
