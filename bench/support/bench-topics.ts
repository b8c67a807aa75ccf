import { randomUUID } from "node:crypto";
import type { KafkaClient } from "@edm/kafka";
import { EVENT_TOPICS } from "@edm/schema";
import { testKafka } from "@edm/testkit";
import { localKafkaEnv } from "./local-services";

export interface BenchKafka {
  /** KAFKA_URL and a KAFKA_PREFIX of this run's own, for the services under test. */
  env: Record<string, string>;
  /** A client with the same prefix (logical topic names). */
  kafka: KafkaClient;
  /** Deletes the run's topics. */
  cleanUp(): Promise<void>;
}

/** The event topics under a prefix of their own (3 partitions, like the tests'), on the local broker. */
export async function benchTopics(partitions = 3): Promise<BenchKafka> {
  const env = { ...(await localKafkaEnv()), KAFKA_PREFIX: `bench-${randomUUID().slice(0, 8)}.` };
  const kafka = testKafka(env, "edm-bench");
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(EVENT_TOPICS.map((topic) => ({ topic, partitions })));
  } finally {
    await admin.disconnect();
  }
  return {
    env,
    kafka,
    async cleanUp() {
      const cleaner = kafka.admin();
      await cleaner.deleteTopics([...EVENT_TOPICS]).catch(() => {});
      await cleaner.disconnect();
    },
  };
}
