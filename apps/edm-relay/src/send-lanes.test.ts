import { partitionForKey } from "@edm/kafka";
import { describe, expect, it } from "vitest";
import { laneOfRecord, SEND_LANES } from "./send-lanes";

const item = (key: string | null) => ({ topic: "edm-ui-click", record: { key, value: "{}" } });

describe("laneOfRecord", () => {
  it("puts a key in the lane of its murmur2 partition among the lanes, every time", () => {
    const laneOf = laneOfRecord(4);
    for (const key of ["a", "b", "session-1", "3c2f8c4e-1a55-4b7a-9d53-6f6f0d1d2b9e"]) {
      expect(laneOf(item(key))).toBe(partitionForKey(key, 4));
    }
  });

  it("spreads sessions over every lane", () => {
    const lanes = new Set(Array.from({ length: 500 }, (_, i) => laneOfRecord()(item(`session-${i}`))));
    expect(lanes.size).toBe(SEND_LANES);
  });

  it("puts keyless records in lane 0", () => {
    expect(laneOfRecord()(item(null))).toBe(0);
  });
});
