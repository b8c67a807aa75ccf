import { createKafka, loadKafkaConfig } from "@edm/kafka";
import { createLogger } from "@edm/runtime";
import { ALL_TOPICS } from "@edm/schema";

/** Locally we create the topics ourselves; on Heroku they come from the CLI (auto-creation is off on both). */
export async function ensureTopics(kafkaEnv: Record<string, string>, partitions = 3): Promise<void> {
  const log = createLogger({ service: "edm-dev", env: { LOG_LEVEL: "warn" } });
  const kafka = createKafka(loadKafkaConfig(kafkaEnv, { clientId: "edm-dev" }), { log });
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions })));
  } finally {
    await admin.disconnect();
  }
}
