import { type ConsumedRecord, createKafka, type KafkaClient, loadKafkaConfig } from "@edm/kafka";
import { createLogger } from "@edm/runtime";
import { eventually } from "./eventually";
import { uniqueName } from "./unique-name";

const quietLog = createLogger({
  service: "test",
  env: { LOG_LEVEL: process.env.EDM_TEST_LOG ? "info" : "warn" },
});

/** A Kafka client for a test, from the env the global setup provides (inject("kafkaPlaintextEnv")). */
export function testKafka(env: Record<string, string>, clientId = "edm-test"): KafkaClient {
  return createKafka(loadKafkaConfig(env, { clientId }), { log: quietLog, disconnectTimeoutMs: 5_000 });
}

/** Creates topics with unique names for one test; returns them in the order of `purposes`. */
export async function createTestTopics(kafka: KafkaClient, purposes: string[], partitions = 3) {
  const topics = purposes.map((purpose) => uniqueName(purpose).replaceAll("_", "-"));
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(topics.map((topic) => ({ topic, partitions })));
  } finally {
    await admin.disconnect();
  }
  return topics;
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `count` records arrived (or the
 * timeout passed), then waits `settleMs` more so that a test can also see records that should NOT be there.
 */
export async function readTopic(
  kafka: KafkaClient,
  topic: string,
  { count, timeoutMs = 30_000, settleMs = 0 }: { count: number; timeoutMs?: number; settleMs?: number },
): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName("reader"), topics: [topic], fromBeginning: true });
  await consumer.start(async (batch) => {
    records.push(...batch.records);
  });
  try {
    await eventually(() => records.length >= count, { timeoutMs, what: `${count} records on ${topic}` });
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    await consumer.stop();
  }
  return records;
}
