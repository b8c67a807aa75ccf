import { captureLogs } from "@edm/runtime";
import { TOPICS } from "@edm/schema";
import { eventually } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStream } from "./service";
import { connectV4, type TestDashboard } from "./testing/dashboards";
import {
  click,
  createTestBed,
  idsOf,
  pageload,
  produce,
  startTestStream,
  type TestBed,
  waitUntilLive,
} from "./testing/stream-harness";

describe("edm-stream given records that are not events", () => {
  let bed: TestBed;
  let stream: RunningStream;
  let dashboard: TestDashboard;
  const logs = captureLogs({ level: "info" });

  beforeAll(async () => {
    bed = await createTestBed("stream-bad-records");
    stream = await startTestStream(bed, "bad", { log: logs.log });
    dashboard = await connectV4(stream.url);
    await waitUntilLive(bed, [dashboard]);
  });

  afterAll(async () => {
    dashboard?.close();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("skips them with a log line and keeps delivering the good events after them", async () => {
    const misplaced = click();
    const invalid = { ...pageload(), event_timestamp: "yesterday" };
    await bed.producer.send(TOPICS.click, [
      { key: "a", value: "{this is not json" },
      { key: "a", value: JSON.stringify({ hello: "world" }) },
      { key: "a", value: Buffer.from([0xff, 0xfe, 0x00]) },
      { key: "a", value: JSON.stringify({ ...click(), uuid: "a\u0000b" }) },
    ]);
    await bed.producer.send(TOPICS.pageload, [
      { key: "a", value: JSON.stringify(misplaced) },
      { key: "a", value: JSON.stringify(invalid) },
    ]);
    const good = [click(), pageload(), click()];
    await produce(bed.producer, good);

    await eventually(() => good.every((event) => idsOf(dashboard).has(event.id ?? "")), {
      timeoutMs: 20_000,
      what: "the good events after the bad records",
    });
    const received = idsOf(dashboard);
    expect(received.has(misplaced.id ?? "")).toBe(false);
    expect(received.has(invalid.id ?? "")).toBe(false);

    await eventually(
      () => logs.lines().filter((line) => line.event === "stream.record.invalid").length === 6,
      {
        timeoutMs: 5_000,
        what: "a log line per bad record",
      },
    );
    const reasons = logs
      .lines()
      .filter((line) => line.event === "stream.record.invalid")
      .map((line) => String(line.reason));
    expect(reasons.filter((reason) => reason.includes("not valid JSON"))).toHaveLength(1);
    expect(reasons.filter((reason) => reason.includes("not valid UTF-8"))).toHaveLength(1);
    expect(reasons.some((reason) => reason.includes("uuid must not contain control characters"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("was written to"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("event_timestamp"))).toBe(true);
    expect(stream.status().consuming).toBe(true);
  });
});
