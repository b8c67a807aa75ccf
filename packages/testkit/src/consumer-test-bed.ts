import type { KafkaClient, KafkaProducer } from "@edm/kafka";
import { ALL_TOPICS, EVENT_TOPICS } from "@edm/schema";
import pg from "pg";
import { createTestSchema, type TestSchema } from "./database";
import { eventually } from "./eventually";
import { testKafka } from "./kafka";
import { uniqueName } from "./unique-name";

// What every integration test of a consumer that stores into PostgreSQL starts from: a KAFKA_PREFIX of the
// test's own (so the service runs with its real, logical topic and group names), those topics created, a
// PostgreSQL schema of its own, and a way to tell when the group has handled everything.

export interface ConsumerTestBedOptions {
  /** inject("kafkaPlaintextEnv") and inject("databaseUrl") of the global setup. */
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
  /** Names the prefix and the schema, to find them when a test leaves them behind. */
  purpose: string;
  /** The consumer group the service under test joins (logical name). */
  groupId: string;
  clientId: string;
  partitions: number;
}

export interface ConsumerTestBed {
  prefix: string;
  /** KAFKA_URL and KAFKA_PREFIX, as Heroku would set them, plus DATABASE_URL (the test's schema). */
  env: Record<string, string>;
  /** A client with the test's prefix: logical names, like the service's. */
  kafka: KafkaClient;
  /** Connected, for the test's own records. */
  producer: KafkaProducer;
  schema: TestSchema;
  /** A pool on the test's schema, for assertions. */
  db: pg.Pool;
  /** Sum of the group's committed offsets over the event topics. */
  committed(): Promise<number>;
  /** Waits until the group has committed `records` offsets: every record produced so far is handled. */
  allCommitted(records: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function createConsumerTestBed(options: ConsumerTestBedOptions): Promise<ConsumerTestBed> {
  const { purpose, groupId, partitions } = options;
  const prefix = `${uniqueName(purpose)}.`;
  const kafkaEnv = { ...options.kafkaEnv, KAFKA_PREFIX: prefix };
  const kafka = testKafka(kafkaEnv, options.clientId);
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions })));
  } finally {
    await admin.disconnect();
  }
  const schema = await createTestSchema(options.databaseUrl, purpose);
  const db = new pg.Pool({ connectionString: schema.url, max: 2 });
  const producer = kafka.producer();
  await producer.connect();
  const groupAdmin = kafka.admin();
  const committed = async () => {
    let total = 0;
    for (const topic of EVENT_TOPICS) {
      const offsets = await groupAdmin.fetchCommittedOffsets(groupId, topic);
      total += offsets.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    }
    return total;
  };
  return {
    prefix,
    env: { ...kafkaEnv, DATABASE_URL: schema.url },
    kafka,
    producer,
    schema,
    db,
    committed,
    allCommitted: (records, timeoutMs = 45_000) =>
      eventually(async () => (await committed()) >= records, {
        timeoutMs,
        intervalMs: 200,
        what: `${records} offsets committed by the group ${groupId}`,
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
