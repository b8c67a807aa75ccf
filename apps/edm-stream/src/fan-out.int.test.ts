import { EVENT_TOPICS } from "@edm/schema";
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

// The original's bug: every instance shared one consumer group, so each saw only some partitions
// and each dashboard only part of the stream. Two instances here, over topics of 3 partitions.

describe("two edm-stream instances", () => {
  let bed: TestBed;
  const streams: RunningStream[] = [];
  const dashboards: TestDashboard[] = [];

  beforeAll(async () => {
    bed = await createTestBed("stream-fanout");
  });

  afterAll(async () => {
    for (const dashboard of dashboards) dashboard.close();
    await Promise.all(streams.map((stream) => stream.stop()));
    await bed?.cleanup();
  });

  it("each deliver every event to their own dashboards, from consumer groups of their own", async () => {
    const [first, second] = await Promise.all([startTestStream(bed, "a"), startTestStream(bed, "b")]);
    if (!first || !second) throw new Error("both instances should have started");
    streams.push(first, second);
    expect(first.status().groupId).toBe(`${bed.env.KAFKA_PREFIX}edm-stream.a`);
    expect(second.status().groupId).toBe(`${bed.env.KAFKA_PREFIX}edm-stream.b`);

    const onFirst = await connectV4(first.url);
    const onSecond = await connectV4(second.url);
    dashboards.push(onFirst, onSecond);
    await waitUntilLive(bed, [onFirst, onSecond]);

    const events = Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? click() : pageload()));
    await produce(bed.producer, events);
    const expected = events.map((event) => event.id ?? "");

    const hasAll = (dashboard: TestDashboard) => {
      const ids = idsOf(dashboard);
      return expected.every((id) => ids.has(id));
    };
    await eventually(() => hasAll(onFirst) && hasAll(onSecond), {
      timeoutMs: 30_000,
      what: "both instances' dashboards receiving all 50 events",
    });
    for (const dashboard of [onFirst, onSecond]) {
      const ours = dashboard.received.filter((event) => expected.includes(event.id ?? ""));
      expect(ours).toHaveLength(50);
    }

    // Each group read every partition of both topics, rather than a share of them.
    const admin = bed.kafka.admin();
    try {
      for (const group of ["edm-stream.a", "edm-stream.b"]) {
        for (const topic of EVENT_TOPICS) {
          await eventually(
            async () => {
              const offsets = await admin.fetchCommittedOffsets(group, topic);
              return offsets.filter((entry) => Number(entry.offset) > 0).length === 3;
            },
            { timeoutMs: 10_000, what: `group ${group} committing on all 3 partitions of ${topic}` },
          );
        }
      }
    } finally {
      await admin.disconnect();
    }
  });
});
