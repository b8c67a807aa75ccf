import { captureLogs } from "@edm/runtime";
import { encodeEventRecord, randomUUID, TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { type EventCounts, handleBatch } from "./handle-batch";

const click = {
  topic: TOPICS.click,
  id: randomUUID(),
  uuid: "session-1",
  event_timestamp: Date.now(),
  properties: { button_id: "the-chemex-kit", description: "button click" },
} as const;

const record = (value: string, offset: string) => ({
  topic: TOPICS.click,
  partition: 0,
  offset,
  key: null,
  value: Buffer.from(value),
  headers: {},
  timestamp: Date.now(),
});

describe("handleBatch", () => {
  it("counts valid events per topic and skips invalid records with a log line", async () => {
    const counts: EventCounts = new Map();
    const logs = captureLogs({ service: "edm-funnel" });
    const encoded = encodeEventRecord(click).record;
    await handleBatch(
      { counts, log: logs.log },
      { topic: TOPICS.click, records: [record(encoded.value, "0"), record("not json", "1")] },
    );
    expect(Object.fromEntries(counts)).toEqual({ [TOPICS.click]: 1 });
    expect(logs.lines().filter((line) => line.event === "funnel.record.invalid")).toHaveLength(1);
  });
});
