import { randomBytes, randomUUID } from "node:crypto";
import kafkajs, { type PartitionMetadata } from "kafkajs";
import { describe, expect, it } from "vitest";
import { JavaCompatiblePartitioner, murmur2, partitionForKey } from "./partitioner";

const metadataOf = (count: number, leaderless: number[] = []): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: leaderless.includes(partitionId) ? -1 : 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));

describe("partitionForKey", () => {
  it("gives the Java client's murmur2 partition of a key", () => {
    // Kafka's own test values of Utils.murmur2, made positive (& 0x7fffffff), modulo 1000 partitions.
    const javaMurmur2 = { "21": -973932308, foobar: -790332482, "a-little-bit-long-string": -985981536 };
    for (const [key, hash] of Object.entries(javaMurmur2)) {
      expect(murmur2(key)).toBe(hash);
      expect(partitionForKey(key, 1_000)).toBe((hash & 0x7fffffff) % 1_000);
    }
    expect(partitionForKey("abc", 1)).toBe(0);
  });

  it("spreads keys over every partition and keeps each key on one", () => {
    const keys = Array.from({ length: 1_000 }, (_, i) => `session-${i}`);
    const partitions = keys.map((key) => partitionForKey(key, 8));
    expect(new Set(partitions)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(keys.map((key) => partitionForKey(key, 8))).toEqual(partitions);
  });

  it("refuses a partition count that is not a whole number of at least 1", () => {
    expect(() => partitionForKey("k", 0)).toThrow(RangeError);
    expect(() => partitionForKey("k", 1.5)).toThrow(RangeError);
  });
});

describe("JavaCompatiblePartitioner", () => {
  it("puts every key where kafkajs's DefaultPartitioner does", () => {
    const ours = JavaCompatiblePartitioner();
    const theirs = kafkajs.Partitioners.DefaultPartitioner();
    const keys: (string | Buffer)[] = [
      "",
      "a",
      "ab",
      "abc",
      "abcd",
      "é",
      "日本語のキー",
      "emoji 🛶 key",
      "x".repeat(1_000),
      ...Array.from({ length: 500 }, () => randomUUID()),
      ...Array.from({ length: 200 }, (_, i) => randomBytes(i % 40).toString("latin1")),
      ...Array.from({ length: 100 }, (_, i) => randomBytes(i % 20)),
    ];
    for (const partitions of [1, 3, 4, 7, 12]) {
      const partitionMetadata = metadataOf(partitions);
      for (const key of keys) {
        const args = { topic: "t", partitionMetadata, message: { key, value: null } };
        expect(ours(args)).toBe(theirs(args));
      }
    }
  });

  it("keeps a record's own partition, and spreads keyless records over the partitions that have a leader", () => {
    const partition = JavaCompatiblePartitioner();
    const partitionMetadata = metadataOf(4, [2]);
    expect(
      partition({ topic: "t", partitionMetadata, message: { key: "k", value: null, partition: 3 } }),
    ).toBe(3);
    const chosen = Array.from({ length: 30 }, () =>
      partition({ topic: "t", partitionMetadata, message: { value: null } }),
    );
    expect(new Set(chosen)).toEqual(new Set([0, 1, 3]));
  });
});
