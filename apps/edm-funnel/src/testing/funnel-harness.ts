import type { KafkaClient, KafkaProducer, OutgoingRecord } from "@edm/kafka";
import { type CapturedLogs, captureLogs } from "@edm/runtime";
import {
  ALL_TOPICS,
  EVENT_TOPICS,
  encodeEventRecord,
  type IdentifiedEvent,
  randomUUID,
  SHOP_PRODUCTS,
  TOPICS,
} from "@edm/schema";
import { createTestSchema, eventually, type TestSchema, testKafka, uniqueName } from "@edm/testkit";
import pg from "pg";
import { inject } from "vitest";
import { type FunnelConfig, loadConfig } from "../config";

// Shared set-up of the edm-funnel integration tests: a KAFKA_PREFIX of the test's own (so the service runs
// with its real, logical topic and group names), those topics created, and a PostgreSQL schema of its own.

export const GROUP_ID = "edm-funnel";

export interface FunnelTestEnv {
  kafka: KafkaClient;
  producer: KafkaProducer;
  schema: TestSchema;
  /** A pool on the test's schema, for assertions. */
  db: pg.Pool;
  /** The service's configuration for this test, with `overrides` of its environment. */
  config(overrides?: Record<string, string>): FunnelConfig;
  /** Waits until the group has committed `records` offsets: every record produced so far is handled. */
  allCommitted(records: number): Promise<void>;
  close(): Promise<void>;
}

export function testLogs(): CapturedLogs {
  return captureLogs({ service: "edm-funnel", level: "debug" });
}

export async function setUpFunnelTest(purpose: string): Promise<FunnelTestEnv> {
  const kafkaEnv = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: `${uniqueName(purpose)}.` };
  const kafka = testKafka(kafkaEnv, "edm-funnel-test");
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions: 2 })));
  } finally {
    await admin.disconnect();
  }
  const schema = await createTestSchema(inject("databaseUrl"), purpose);
  const db = new pg.Pool({ connectionString: schema.url, max: 2 });
  const producer = kafka.producer();
  await producer.connect();
  const groupAdmin = kafka.admin();
  const env = {
    ...kafkaEnv,
    DATABASE_URL: schema.url,
    PORT: "0",
    MIGRATE_ON_START: "1",
    CORS_ORIGINS: "http://dashboard.test",
  };
  const committed = async () => {
    let total = 0;
    for (const topic of EVENT_TOPICS) {
      const offsets = await groupAdmin.fetchCommittedOffsets(GROUP_ID, topic);
      total += offsets.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    }
    return total;
  };
  return {
    kafka,
    producer,
    schema,
    db,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }),
    allCommitted: (records) =>
      eventually(async () => (await committed()) >= records, {
        timeoutMs: 45_000,
        intervalMs: 200,
        what: `${records} offsets committed by the funnel group`,
      }),
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

const product = SHOP_PRODUCTS[0] ?? { href: "/products/x", buttonId: "x" };

/** The shop's events, as funnelStepOf reads them: each at `at` (ms), for `visitor` (the session id). */
export const shop = {
  visit: (visitor: string, at: number): IdentifiedEvent => pageload(visitor, at, "/"),
  viewProduct: (visitor: string, at: number): IdentifiedEvent => pageload(visitor, at, product.href),
  addToCart: (visitor: string, at: number): IdentifiedEvent => click(visitor, at, product.buttonId),
  placeOrder: (visitor: string, at: number): IdentifiedEvent => click(visitor, at, "place-order"),
};

function pageload(visitor: string, at: number, path: string): IdentifiedEvent {
  return {
    topic: TOPICS.pageload,
    id: randomUUID(),
    uuid: visitor,
    event_timestamp: at,
    properties: { user_agent: "test", description: "page loaded", url: `https://shop.test${path}` },
  };
}

function click(visitor: string, at: number, buttonId: string): IdentifiedEvent {
  return {
    topic: TOPICS.click,
    id: randomUUID(),
    uuid: visitor,
    event_timestamp: at,
    properties: { button_id: buttonId, description: "button click" },
  };
}

/** Sends events to their topics, in the order given within each topic. */
export async function produceEvents(
  producer: KafkaProducer,
  events: readonly IdentifiedEvent[],
): Promise<void> {
  for (const topic of EVENT_TOPICS) {
    const records: OutgoingRecord[] = events
      .filter((event) => event.topic === topic)
      .map((event) => encodeEventRecord(event).record);
    if (records.length > 0) await producer.send(topic, records);
  }
}
