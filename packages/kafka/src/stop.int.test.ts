import { afterAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import { captureLog } from "./testing/capture-log";
import { committedTotal, eventually, uniqueName } from "./testing/int-helpers";

const log = captureLog();
const kafka = createKafka(loadKafkaConfig(inject("kafkaPlaintextEnv"), { clientId: "edm-kafka-int-stop" }), {
  log,
  disconnectTimeoutMs: 1_000,
});
const admin = kafka.admin();

afterAll(async () => {
  await admin.disconnect();
});

async function topicWithRecords(count: number): Promise<string> {
  const topic = uniqueName("stop");
  await admin.ensureTopics([{ topic, partitions: 1 }]);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send(
    topic,
    Array.from({ length: count }, (_, index) => ({ value: `v${index}` })),
  );
  await producer.disconnect();
  return topic;
}

describe("stopping a consumer", () => {
  it("aborts the handler's signal; a batch abandoned that way is delivered again to the next member", async () => {
    const topic = await topicWithRecords(3);
    const groupId = uniqueName("stop-group");
    let handling = false;
    const first = kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await first.start(async (batch) => {
      handling = true;
      await new Promise((_, reject) => {
        batch.signal.addEventListener("abort", () => reject(new Error("stopping")), { once: true });
      });
    });
    await eventually(() => handling, 30_000, "first delivery");
    await first.stop();
    expect(first.isRunning()).toBe(false);
    expect(await committedTotal(admin, groupId, topic)).toBe(0);
    expect(log.lines.some((line) => line.message.startsWith("Kafka batch abandoned while stopping"))).toBe(
      true,
    );

    const received: string[] = [];
    const second = kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await second.start(async (batch) => {
      received.push(...batch.records.map((record) => record.value?.toString() ?? ""));
    });
    try {
      await eventually(() => received.length === 3, 30_000, "redelivery to the next member");
      expect(received).toEqual(["v0", "v1", "v2"]);
    } finally {
      await second.stop();
    }
  });

  it("gives up after the disconnect timeout when a handler never finishes", async () => {
    const topic = await topicWithRecords(1);
    let handling = false;
    let release = () => {};
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    const consumer = kafka.consumer({
      groupId: uniqueName("stuck-group"),
      topics: [topic],
      fromBeginning: true,
    });
    await consumer.start(async () => {
      handling = true;
      await stuck; // ignores the signal, as a hung call would
    });
    await eventually(() => handling, 30_000, "delivery");

    const started = Date.now();
    await consumer.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(consumer.isRunning()).toBe(false);
    expect(log.lines.some((line) => line.message.startsWith("Kafka consumer stop gave up waiting"))).toBe(
      true,
    );
    release();
  });
});
