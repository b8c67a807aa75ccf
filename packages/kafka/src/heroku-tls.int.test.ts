import { afterAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import type { ConsumedRecord } from "./records";
import { captureLog } from "./testing/capture-log";
import { committedTotal, eventually, uniqueName, values } from "./testing/int-helpers";

// Only the Heroku-shaped variables: exactly what a dyno would see.
const config = loadKafkaConfig(inject("kafkaHerokuEnv"), { clientId: "edm-kafka-int-tls" });
const kafka = createKafka(config, { log: captureLog() });
const admin = kafka.admin();

afterAll(async () => {
  await admin.disconnect();
});

describe("over the mutual-TLS listener with Heroku's variables", () => {
  it("uses TLS and a prefix, as on Heroku", () => {
    expect(config.tls).not.toBeNull();
    expect(config.prefix).not.toBe("");
  });

  it("produces and consumes with logical names while the broker sees prefixed ones", async () => {
    const topic = uniqueName("tls");
    const groupId = uniqueName("tls-group");
    expect(await admin.ensureTopics([{ topic, partitions: 1 }])).toEqual([topic]);

    const producer = kafka.producer();
    await producer.connect();
    const received: ConsumedRecord[] = [];
    const consumer = kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    try {
      const writes = await producer.send(topic, [
        { key: "a", value: "alpha" },
        { key: "b", value: "beta" },
      ]);
      expect(writes).toEqual([{ topic, partition: 0, baseOffset: "0" }]);

      await consumer.start(async (batch) => {
        expect(batch.topic).toBe(topic);
        received.push(...batch.records);
      });
      await eventually(() => received.length === 2, 30_000, "both records");
      expect(values(received)).toEqual(["alpha", "beta"]);
      expect(received.every((record) => record.topic === topic)).toBe(true);
      await eventually(
        async () => (await committedTotal(admin, groupId, topic)) === 2,
        30_000,
        "offsets committed",
      );

      const brokerTopics = await admin.listTopics();
      expect(brokerTopics).toContain(`${config.prefix}${topic}`);
      expect(brokerTopics).not.toContain(topic);
      expect(kafka.topic(topic)).toBe(`${config.prefix}${topic}`);

      const brokerGroups = await admin.listGroups();
      expect(brokerGroups).toContain(`${config.prefix}${groupId}`);
      expect(brokerGroups).not.toContain(groupId);
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
    await admin.deleteTopics([topic]);
    const gone = async () => !(await admin.listTopics()).includes(`${config.prefix}${topic}`);
    await eventually(gone, 30_000, "topic deleted");
  });
});
