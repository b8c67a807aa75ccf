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

const ends = async () =>
  (await admin.topicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }));

beforeAll(async () => {
  await admin.ensureTopics([{ topic, partitions: 2 }]);
  await producer.connect();
  // Twelve keys spread over both partitions (the partitioner hashes keys).
  await producer.send(
    topic,
    Array.from({ length: 12 }, (_, index) => ({ key: `key-${index}`, value: `early-${index}` })),
  );
});

afterAll(async () => {
  await producer.disconnect();
  await admin.deleteTopics([topic]).catch(() => {});
  await admin.disconnect();
});

describe("group and offset administration", () => {
  it("reads each partition's retained range", async () => {
    const ranges = await admin.topicOffsets(topic);
    expect(ranges.map(({ partition, low }) => ({ partition, low }))).toEqual([
      { partition: 0, low: "0" },
      { partition: 1, low: "0" },
    ]);
    expect(ranges.reduce((sum, { high }) => sum + Number(high), 0)).toBe(12);
  });

  it("finds offsets by time: the first record at or after it, the end when all are older", async () => {
    const before = await ends();
    const boundary = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await producer.send(topic, [{ key: "late", value: "late" }]);
    // The late record's offset is its partition's old end; the other partition has nothing newer.
    expect(await admin.offsetsAtTime(topic, boundary)).toEqual(before);
    expect(await admin.offsetsAtTime(topic, Date.now() + 60_000)).toEqual(await ends());
  });

  it("sets an idle group's offsets, which a consumer of the group then starts from", async () => {
    const groupId = uniqueName("replayed");
    expect(await admin.describeGroup(groupId)).toMatchObject({ groupId, members: [] });
    const lastOnes = (await ends()).map(({ partition, offset }) => ({
      partition,
      offset: String(Number(offset) - 1),
    }));
    await admin.setOffsets(groupId, topic, lastOnes);
    expect(await admin.fetchGroupOffsets(groupId)).toEqual([{ topic, partitions: lastOnes }]);

    const seen: string[] = [];
    const consumer = kafka.consumer({ groupId, topics: [topic] });
    await consumer.start(async (batch) => {
      seen.push(...batch.records.map((record) => `${batch.partition}@${record.offset}`));
    });
    try {
      const expected = lastOnes.map(({ partition, offset }) => `${partition}@${offset}`);
      await eventually(() => seen.length >= 2, 20_000, "the last record of each partition");
      expect(seen.sort()).toEqual(expected);

      const running = await admin.describeGroup(groupId);
      expect(running.members).toHaveLength(1);
      expect(running.members[0]?.clientId).toBe("edm-admin-int");
      expect(running.state).toBe("Stable");
    } finally {
      await consumer.stop();
    }
  });
});
