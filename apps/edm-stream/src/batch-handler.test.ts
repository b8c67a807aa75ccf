import type { ConsumedBatch, ConsumedRecord } from "@edm/kafka";
import { captureLogs } from "@edm/runtime";
import { type EdmEvent, ORIGINAL_CLICK_EXAMPLE, TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { createBatchHandler } from "./batch-handler";

function batchOf(values: (string | null)[]): ConsumedBatch {
  const records: ConsumedRecord[] = values.map((value, index) => ({
    topic: TOPICS.click,
    partition: 2,
    offset: String(100 + index),
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers: {},
    timestamp: Date.now(),
  }));
  return {
    topic: TOPICS.click,
    partition: 2,
    records,
    highWatermark: String(100 + values.length),
    heartbeat: async () => {},
    signal: new AbortController().signal,
  };
}

const good = (id: string) => JSON.stringify({ ...ORIGINAL_CLICK_EXAMPLE, id });
const ids = ["3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11", "5a2b3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c2d"];

describe("createBatchHandler", () => {
  it("broadcasts the valid events of a batch at once, in order, and skips bad records with a log line", async () => {
    const { log, lines } = captureLogs();
    const sent: EdmEvent[][] = [];
    const handle = createBatchHandler({ broadcast: (events) => sent.push([...events]), log });

    const nul = JSON.stringify({ ...ORIGINAL_CLICK_EXAMPLE, uuid: "a\u0000b" });
    await handle(batchOf([good(ids[0] as string), "{oops", null, nul, good(ids[1] as string)]));

    expect(sent).toHaveLength(1);
    expect(sent[0]?.map((event) => event.id)).toEqual(ids);
    const invalid = lines().filter((line) => line.event === "stream.record.invalid");
    expect(invalid.map((line) => line.offset)).toEqual(["101", "102", "103"]);
    expect(invalid[0]).toMatchObject({ level: "warn", topic: TOPICS.click, partition: 2 });
  });

  it("resolves even when broadcasting throws, so the stream carries on", async () => {
    const { log, lines } = captureLogs();
    const handle = createBatchHandler({
      broadcast: () => {
        throw new Error("boom");
      },
      log,
    });
    await expect(handle(batchOf([good(ids[0] as string)]))).resolves.toBeUndefined();
    expect(lines().some((line) => line.event === "stream.broadcast.failed")).toBe(true);
  });
});
