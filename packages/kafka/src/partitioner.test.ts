import { describe, expect, it } from "vitest";
import { partitionForKey } from "./partitioner";

describe("partitionForKey", () => {
  it("gives the Java client's murmur2 partition of a key", () => {
    // Kafka's own test values of Utils.murmur2, made positive (& 0x7fffffff), modulo 1000 partitions.
    const javaMurmur2 = { "21": -973932308, foobar: -790332482, "a-little-bit-long-string": -985981536 };
    for (const [key, hash] of Object.entries(javaMurmur2)) {
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
