import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import { captureLog } from "./testing/capture-log";
import { eventually, uniqueName } from "./testing/int-helpers";

// The group and offset administration the operations CLI (`pnpm edm replay`, `pnpm edm lag`) stands on,
// against the real broker, with a KAFKA_PREFIX so names are shown logical.

const prefix = `admin-int-${Date.now()}.`;
const config = loadKafkaConfig(
  { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix },
  { clientId: "edm-admin-int" },
);
const kafka = createKafka(config, { log: captureLog(), disconnectTimeoutMs: 5_000 });
const admin = kafka.admin();
const producer = kafka.producer();
const topic = uniqueName("offsets");

beforeAll(async () => {
  await admin.ensureTopics([{ topic, partitions: 2 }]);
  await producer.connect();
  const first = Array.from({ length: 6 }, (_, index) => ({
    key: null,
    value: `early-${index}`,
    partition: index % 2,
  }));
  await producer.send(topic, first);
});

afterAll(async () => {
  await producer.disconnect();
  await admin.deleteTopics([topic]).catch(() => {});
  await admin.disconnect();
});

describe("group and offset administration", () => {
  it("reads each partition's retained range", async () => {
    expect(await admin.topicOffsets(topic)).toEqual([
      { partition: 0, low: "0", high: "3" },
      { partition: 1, low: "0", high: "3" },
    ]);
  });

  it("finds offsets by time: the first record at or after it, the end when all are older", async () => {
    const boundary = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await producer.send(topic, [
      { key: null, value: "late-0", partition: 0 },
      { key: null, value: "late-1", partition: 1 },
    ]);
    expect(await admin.offsetsAtTime(topic, boundary)).toEqual([
      { partition: 0, offset: "3" },
      { partition: 1, offset: "3" },
    ]);
    expect(await admin.offsetsAtTime(topic, Date.now() + 60_000)).toEqual([
      { partition: 0, offset: "4" },
      { partition: 1, offset: "4" },
    ]);
  });

  it("sets an idle group's offsets, which a consumer of the group then starts from", async () => {
    const groupId = uniqueName("replayed");
    expect(await admin.describeGroup(groupId)).toMatchObject({ groupId, members: [] });
    await admin.setOffsets(groupId, topic, [
      { partition: 0, offset: "2" },
      { partition: 1, offset: "1" },
    ]);
    expect(await admin.fetchGroupOffsets(groupId)).toEqual([
      {
        topic,
        partitions: [
          { partition: 0, offset: "2" },
          { partition: 1, offset: "1" },
        ],
      },
    ]);

    const seen: string[] = [];
    const consumer = kafka.consumer({ groupId, topics: [topic] });
    await consumer.start(async (batch) => {
      seen.push(...batch.records.map((record) => `${batch.partition}@${record.offset}`));
    });
    try {
      // Both partitions hold offsets 0-3 (three early records and one late one each).
      await eventually(
        () => seen.includes("0@3") && seen.includes("1@3"),
        20_000,
        "records after the new offsets",
      );
      expect(seen.filter((entry) => entry.startsWith("0@"))).toEqual(["0@2", "0@3"]);
      expect(seen.filter((entry) => entry.startsWith("1@"))).toEqual(["1@1", "1@2", "1@3"]);

      const running = await admin.describeGroup(groupId);
      expect(running.members).toHaveLength(1);
      expect(running.members[0]?.clientId).toBe("edm-admin-int");
      expect(running.state).toBe("Stable");
    } finally {
      await consumer.stop();
    }
  });
});
