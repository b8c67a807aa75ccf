import { createLogger } from "@edm/runtime";
import { EVENT_TOPICS, encodeEventRecord, randomUUID, TOPICS } from "@edm/schema";
import { eventually, testKafka, uniqueName } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "./config";
import { type RunningFunnel, startFunnel } from "./service";

// edm-funnel against the real broker: topics and a consumer group of this test's own (its KAFKA_PREFIX).

const prefix = `${uniqueName("funnel")}.`;
const env = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix, PORT: "0" };
const kafka = testKafka(env, "edm-funnel-test");
let running: RunningFunnel;

const click = (index: number) => ({
  topic: TOPICS.click,
  id: randomUUID(),
  uuid: `session-${index}`,
  event_timestamp: Date.now() - 1_000,
  properties: { button_id: "the-chemex-kit", description: "button click" },
});

beforeAll(async () => {
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(EVENT_TOPICS.map((topic) => ({ topic, partitions: 2 })));
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send(
      TOPICS.click,
      Array.from({ length: 5 }, (_, index) => encodeEventRecord(click(index)).record),
    );
  } finally {
    await producer.disconnect();
  }
  const log = createLogger({ service: "edm-funnel", env: { LOG_LEVEL: "warn" } });
  running = await startFunnel(loadConfig(env), { log, kafka });
});

afterAll(async () => {
  await running?.stop();
  const admin = kafka.admin();
  await admin.deleteTopics([...EVENT_TOPICS]).catch(() => {});
  await admin.disconnect();
});

describe("edm-funnel", () => {
  it("reads the events in its own group and serves the counts", async () => {
    let counts: Record<string, number> = {};
    await eventually(
      async () => {
        counts = (await (await fetch(`${running.url}/api/counts`)).json()) as Record<string, number>;
        return counts[TOPICS.click] === 5;
      },
      { what: "5 clicks counted" },
    );
    expect(counts).toEqual({ [TOPICS.click]: 5 });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });
});
