import { ALL_TOPICS } from "@edm/schema";
import { createTestSchema, type TestSchema, testKafka, uniqueName } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "./config";
import { startStats } from "./service";
import { testLogs } from "./testing/stats-harness";

const DAY = 24 * 3_600_000;
const prefix = `${uniqueName("stats-retention")}.`;
const kafkaEnv = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix };
const kafka = testKafka(kafkaEnv, "edm-stats-retention-test");
let schema: TestSchema;

beforeAll(async () => {
  const admin = kafka.admin();
  try {
    // Kept 30 days, longer than the default DEDUPE_RETENTION of 15 days.
    await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, retentionMs: 30 * DAY })));
  } finally {
    await admin.disconnect();
  }
  schema = await createTestSchema(inject("databaseUrl"), "stats_retention");
});

afterAll(async () => {
  await schema?.drop();
  const admin = kafka.admin();
  await admin.deleteTopics([...ALL_TOPICS]).catch(() => {});
  await admin.disconnect();
});

const config = (overrides: Record<string, string> = {}) =>
  loadConfig({ ...kafkaEnv, DATABASE_URL: schema.url, PORT: "0", MIGRATE_ON_START: "1", ...overrides });

describe("at start, edm-stats compares DEDUPE_RETENTION with the topics' retention on the broker", () => {
  it("refuses a dedupe window shorter than what Kafka retains, naming both", async () => {
    await expect(startStats(config(), { log: testLogs().log })).rejects.toThrow(
      "DEDUPE_RETENTION (360h) is shorter than the retention of topic edm-ui-click (retention.ms=2592000000, 720h)",
    );
  });

  it("starts when the window covers it", async () => {
    const stats = await startStats(config({ DEDUPE_RETENTION: "720h" }), { log: testLogs().log });
    await stats.stop();
  });
});
