import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { KafkaAdmin } from "./admin";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import type { ConsumedRecord } from "./records";
import { captureLog } from "./testing/capture-log";
import { committedTotal, eventually, uniqueName, values } from "./testing/int-helpers";

const log = captureLog();
const config = loadKafkaConfig(inject("kafkaPlaintextEnv"), { clientId: "edm-kafka-int" });
// Few retries: two tests provoke errors kafkajs retries before reporting them.
const quickRetry = { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 1_000 };
const kafka = createKafka(config, { log, retry: quickRetry });
const admin: KafkaAdmin = kafka.admin();
const producer = kafka.producer();

beforeAll(async () => {
  await producer.connect();
});

afterAll(async () => {
  await producer.disconnect();
  await admin.disconnect();
});

describe("over the plaintext listener", () => {
  it("creates only missing topics, and says which", async () => {
    const topic = uniqueName("ensure");
    expect(await admin.ensureTopics([{ topic, partitions: 2, retentionMs: 3_600_000 }])).toEqual([topic]);
    expect(await admin.ensureTopics([{ topic, partitions: 2 }])).toEqual([]);
    expect(await admin.listTopics()).toContain(topic);
    await admin.deleteTopics([topic]);
  });

  it("reads each topic's retention from the broker, set or inherited", async () => {
    const [kept, inherited] = [uniqueName("retention-kept"), uniqueName("retention-default")];
    await admin.ensureTopics([{ topic: kept, retentionMs: 3_600_000 }, { topic: inherited }]);
    const retention = await admin.topicRetentionMs([kept, inherited]);
    expect(retention.get(kept)).toBe(3_600_000);
    // The local broker's log.retention.hours=24 (scripts/kafka/config.sh).
    expect(retention.get(inherited)).toBe(24 * 3_600_000);
    await admin.deleteTopics([kept, inherited]);
  });

  it("produces records that a consumer group receives, committing offsets only after the handler resolves", async () => {
    const topic = uniqueName("roundtrip");
    const groupId = uniqueName("group");
    await admin.ensureTopics([{ topic, partitions: 2 }]);

    const writes = await producer.send(topic, [
      { key: "k1", value: "one", headers: { source: "test" } },
      { key: "k2", value: "two" },
      { key: "k3", value: Buffer.from("three") },
      { key: null, value: "four" },
    ]);
    expect(producer.isConnected()).toBe(true);
    expect(writes.every((write) => write.topic === topic && Number(write.baseOffset) >= 0)).toBe(true);

    const received: ConsumedRecord[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const consumer = kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await consumer.start(async (batch) => {
      received.push(...batch.records);
      await batch.heartbeat();
      await gate;
    });
    try {
      expect(consumer.isRunning()).toBe(true);
      await eventually(() => received.length > 0, 30_000, "first batch");
      // The handler is still waiting on the gate: nothing may be committed yet.
      expect(await committedTotal(admin, groupId, topic)).toBe(0);

      release();
      await eventually(() => received.length === 4, 30_000, "all four records");
      await eventually(
        async () => (await committedTotal(admin, groupId, topic)) === 4,
        30_000,
        "offsets committed",
      );

      expect(values(received)).toEqual(["four", "one", "three", "two"]);
      const first = received.find((record) => record.key === "k1");
      expect(first).toMatchObject({ topic, headers: { source: "test" } });
      expect(first?.timestamp).toBeGreaterThan(Date.now() - 120_000);
      expect(await admin.listGroups()).toContain(groupId);
    } finally {
      await consumer.stop();
    }
    expect(consumer.isRunning()).toBe(false);
    await admin.deleteTopics([topic]);
  });

  it("sends to several topics in one call", async () => {
    const [a, b] = [uniqueName("batch-a"), uniqueName("batch-b")];
    await admin.ensureTopics([{ topic: a }, { topic: b }]);
    const writes = await producer.sendBatch([
      { topic: a, records: [{ value: "a1" }, { value: "a2" }] },
      { topic: b, records: [{ value: "b1" }] },
      { topic: b, records: [] },
    ]);
    expect(writes.map((write) => `${write.topic}:${write.partition}:${write.baseOffset}`).sort()).toEqual(
      [`${a}:0:0`, `${b}:0:0`].sort(),
    );
    expect(await producer.send(a, [])).toEqual([]);
    await admin.deleteTopics([a, b]);
  });

  it("keeps sending after a topic it wrote to was deleted (kafkajs alone would fail every send)", async () => {
    const [doomed, kept] = [uniqueName("doomed"), uniqueName("kept")];
    await admin.ensureTopics([{ topic: doomed }, { topic: kept }]);
    const own = kafka.producer();
    await own.connect();
    try {
      await own.send(doomed, [{ value: "first" }]);
      await admin.deleteTopics([doomed]);
      await eventually(async () => !(await admin.listTopics()).includes(doomed), 30_000, "topic deleted");

      expect(await own.send(kept, [{ value: "second" }])).toEqual([
        { topic: kept, partition: 0, baseOffset: "0" },
      ]);
      expect(log.lines.some((line) => line.message.startsWith("Kafka producer rebuilt"))).toBe(true);
    } finally {
      await own.disconnect();
    }
    await admin.deleteTopics([kept]);
  });

  it("refuses to send to a topic that does not exist, rather than creating it", async () => {
    const strictProducer = kafka.producer();
    await strictProducer.connect();
    try {
      const missing = uniqueName("missing");
      await expect(strictProducer.send(missing, [{ value: "x" }])).rejects.toThrow(
        `Kafka did not accept 1 record(s) for ${missing}`,
      );
      expect(await admin.listTopics()).not.toContain(missing);
    } finally {
      await strictProducer.disconnect();
    }
  });
});
