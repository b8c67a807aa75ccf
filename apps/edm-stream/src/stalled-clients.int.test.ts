import { captureLogs } from "@edm/runtime";
import { type EdmEvent, TOPICS } from "@edm/schema";
import { eventually } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStream } from "./service";
import { connectV4, type TestDashboard } from "./testing/dashboards";
import {
  openStalledPollingClient,
  openStalledWebSocket,
  type StalledClient,
} from "./testing/stalled-clients";
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

const MAX_QUEUED = 100;
/** Events of about 5.5 kB: the burst (~11 MB) is well past what the kernel buffers for a paused socket. */
const BURST = 2_000;

function bigPageload(): EdmEvent {
  const event = pageload(`https://edm-ui.example.com/?q=${"x".repeat(1_900)}`);
  const extras = Object.fromEntries(
    Array.from({ length: 9 }, (_, index) => [`extra${index}`, "y".repeat(256)]),
  );
  return {
    ...event,
    properties: { ...event.properties, user_agent: "z".repeat(1_000), ...extras },
  } as EdmEvent;
}

describe("edm-stream with stalled dashboards", () => {
  let bed: TestBed;
  let stream: RunningStream;
  let healthy: TestDashboard;
  let healthyOnFrames: TestDashboard;
  const stalled: StalledClient[] = [];
  const logs = captureLogs({ level: "info" });

  beforeAll(async () => {
    bed = await createTestBed("stream-stalled");
    stream = await startTestStream(bed, "stall", {
      log: logs.log,
      env: { STREAM_CLIENT_MAX_QUEUED_EVENTS: String(MAX_QUEUED), STREAM_CLIENT_STALL_TIMEOUT: "2s" },
    });
    healthy = await connectV4(stream.url, { transports: ["websocket"] });
    healthyOnFrames = await connectV4(stream.url, { transports: ["websocket"], frames: true });
    await waitUntilLive(bed, [healthy, healthyOnFrames]);
  });

  afterAll(async () => {
    healthy?.close();
    healthyOnFrames?.close();
    for (const client of stalled) client.close();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("keeps delivering every event to the healthy dashboards, drops for the stalled ones and bounds their backlog", async () => {
    stalled.push(
      await openStalledWebSocket(stream.url),
      await openStalledWebSocket(stream.url, { frames: true }),
      await openStalledPollingClient(stream.url),
    );
    expect(stream.status().clients).toBe(5);

    const burst = Array.from({ length: BURST }, bigPageload);
    await produce(bed.producer, burst, 100);

    let largestBacklog = 0;
    await eventually(
      () => {
        largestBacklog = Math.max(largestBacklog, stream.status().largestBacklog);
        return [healthy, healthyOnFrames].every((dashboard) => {
          const ids = idsOf(dashboard);
          return burst.every((event) => ids.has(event.id ?? ""));
        });
      },
      { timeoutMs: 60_000, what: `the healthy dashboards receiving all ${BURST} events` },
    );

    // The consumer was never held up: it has committed the whole burst.
    const admin = bed.kafka.admin();
    try {
      const committed = await admin.fetchCommittedOffsets("edm-stream.stall", TOPICS.pageload);
      const total = committed.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
      expect(total).toBeGreaterThanOrEqual(BURST);
    } finally {
      await admin.disconnect();
    }

    const status = stream.status();
    expect(status.droppedEvents).toBeGreaterThan(0);
    // Unbounded, a stalled client's backlog would hold most of the burst; bounded, the limit plus about
    // one frame (a frame gathers a fetch's batches, one per partition: 3 × 1 MB, under 600 of these).
    expect(largestBacklog).toBeLessThan(MAX_QUEUED + 600);

    // Reported once per stalled client, never for the healthy ones, and never per event.
    const behind = logs.lines().filter((line) => line.event === "stream.client.behind");
    expect(behind.map((line) => line.socketId).sort()).toEqual(
      stalled.map((client) => client.socketId).sort(),
    );
  });

  it("disconnects the dashboards that stay stalled, on single events or on frames", async () => {
    // Stalls are judged when events flow, so keep a trickle going until both are gone.
    await eventually(
      async () => {
        await produce(bed.producer, [click()]);
        return stream.status().stalledDisconnects === 3;
      },
      { timeoutMs: 20_000, intervalMs: 500, what: "every stalled dashboard being disconnected" },
    );
    const disconnected = logs.lines().filter((line) => line.event === "stream.client.stalled");
    expect(disconnected.map((line) => line.socketId).sort()).toEqual(
      stalled.map((client) => client.socketId).sort(),
    );
    await eventually(() => stream.status().clients === 2, {
      timeoutMs: 5_000,
      what: "only the healthy dashboards left",
    });
    expect(stream.status().largestBacklog).toBeLessThanOrEqual(MAX_QUEUED);
  });
});
