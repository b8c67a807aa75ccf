import type { KafkaClient } from "@edm/kafka";

/**
 * Fails with a message that says what to do when the event topics are missing; otherwise the
 * consumer fails with Kafka's "This server does not host this topic-partition". Topics are never
 * created on the fly (as on Heroku): `pnpm start` creates them locally, the Heroku CLI in production.
 */
export async function requireTopics(kafka: KafkaClient, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(kafka.topic(topic)));
    if (missing.length === 0) return;
    const names = missing.map((topic) => kafka.topic(topic)).join(", ");
    throw new Error(
      `the Kafka topics ${names} do not exist; create them (locally \`pnpm start\` does, on Heroku \`heroku kafka:topics:create <name>\`) and start again`,
    );
  } finally {
    await admin.disconnect();
  }
}
