import { afterAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import type { ConsumerCrash } from "./consumer-lifecycle";
import { captureLog } from "./testing/capture-log";
import { committedTotal, eventually, uniqueName } from "./testing/int-helpers";

const log = captureLog();
const kafka = createKafka(
  loadKafkaConfig(inject("kafkaPlaintextEnv"), { clientId: "edm-kafka-int-redelivery" }),
  {
    log,
    retry: { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 1_000 },
  },
);
const admin = kafka.admin();

afterAll(async () => {
  await admin.disconnect();
});

async function produce(topic: string, count: number) {
  await admin.ensureTopics([{ topic, partitions: 1 }]);
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send(
      topic,
      Array.from({ length: count }, (_, index) => ({ key: `k${index}`, value: `v${index}` })),
    );
  } finally {
    await producer.disconnect();
  }
}

describe("a handler that throws", () => {
  it("gets the same records again; nothing is committed until it succeeds, nothing is lost", async () => {
    const topic = uniqueName("redelivery");
    const groupId = uniqueName("redelivery-group");
    await produce(topic, 5);

    const deliveries: string[][] = [];
    const consumer = kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await consumer.start(async (batch) => {
      deliveries.push(batch.records.map((record) => record.value?.toString() ?? ""));
      // A TypeError is what kafkajs alone would treat as fatal; it must be retried like any failure.
      if (deliveries.length === 1) throw new TypeError("simulated bug on first delivery");
    });
    try {
      await eventually(
        async () => (await committedTotal(admin, groupId, topic)) === 5,
        30_000,
        "offsets committed",
      );
      const delivered = deliveries.flat();
      expect(new Set(delivered)).toEqual(new Set(["v0", "v1", "v2", "v3", "v4"]));
      expect(deliveries[1]?.[0]).toBe(deliveries[0]?.[0]);
      expect(consumer.isRunning()).toBe(true);
      expect(
        log.lines.some((line) => line.level === "error" && line.message.startsWith("Kafka handler failed")),
      ).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it("again and again: kafkajs restarts the consumer and redelivers until the handler succeeds", async () => {
    const topic = uniqueName("restart");
    const groupId = uniqueName("restart-group");
    await produce(topic, 3);

    let attempts = 0;
    const seen = new Set<string>();
    const crashes: ConsumerCrash[] = [];
    const consumer = kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    consumer.onCrash((crash) => crashes.push(crash));
    // More failures than the retry policy allows in-process (2 retries), so the consumer crashes once.
    await consumer.start(async (batch) => {
      attempts += 1;
      if (attempts <= 4) throw new Error(`failure ${attempts}`);
      for (const record of batch.records) seen.add(record.value?.toString() ?? "");
    });
    try {
      await eventually(
        async () => (await committedTotal(admin, groupId, topic)) === 3,
        45_000,
        "offsets committed",
      );
      expect(seen).toEqual(new Set(["v0", "v1", "v2"]));
      expect(crashes.length).toBeGreaterThanOrEqual(1);
      expect(crashes.every((crash) => crash.restarting)).toBe(true);
      await eventually(() => consumer.isRunning(), 30_000, "consumer rejoined");
    } finally {
      await consumer.stop();
    }
  });
});
