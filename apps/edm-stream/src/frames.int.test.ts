import type { EdmEvent } from "@edm/schema";
import { eventually } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStream } from "./service";
import { connectV2, connectV4, type TestDashboard } from "./testing/dashboards";
import {
  click,
  createTestBed,
  pageload,
  produce,
  startTestStream,
  type TestBed,
  waitUntilLive,
} from "./testing/stream-harness";

const SESSIONS = 12;
const EVENTS = 600;

/** The ids of `events` per topic and session: each list is one partition's order for that session. */
function orderBySession(events: readonly EdmEvent[]): Map<string, string[]> {
  const lanes = new Map<string, string[]>();
  for (const event of events) {
    const lane = `${event.topic} ${event.uuid}`;
    lanes.set(lane, [...(lanes.get(lane) ?? []), event.id ?? ""]);
  }
  return lanes;
}

describe("edm-stream frames", () => {
  let bed: TestBed;
  let stream: RunningStream;
  const dashboards: TestDashboard[] = [];

  beforeAll(async () => {
    bed = await createTestBed("stream-frames");
    stream = await startTestStream(bed, "frames");
  });

  afterAll(async () => {
    for (const dashboard of dashboards) dashboard.close();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("give dashboards that ask every event exactly once, in order per partition; others get one message per event", async () => {
    const framedWs = await connectV4(stream.url, { frames: true, transports: ["websocket"] });
    const framedPolling = await connectV4(stream.url, { frames: true, transports: ["polling"] });
    const singleV4 = await connectV4(stream.url);
    const original = await connectV2(stream.url);
    dashboards.push(framedWs, framedPolling, singleV4, original);
    await waitUntilLive(bed, dashboards);

    const runId = crypto.randomUUID();
    const events = Array.from({ length: EVENTS }, (_, index) => {
      const uuid = `${runId}-${index % SESSIONS}`;
      return index % 3 === 0 ? { ...pageload(), uuid } : click({ uuid });
    });
    const ours = new Set(events.map((event) => event.id));
    const oursIn = (dashboard: TestDashboard) => dashboard.received.filter((event) => ours.has(event.id));
    await produce(bed.producer, events, 50);

    for (const dashboard of dashboards) {
      await eventually(() => oursIn(dashboard).length >= EVENTS, {
        timeoutMs: 30_000,
        what: `a dashboard receiving all ${EVENTS} events`,
      });
    }

    const expected = orderBySession(events);
    for (const dashboard of dashboards) {
      const received = oursIn(dashboard);
      expect(new Set(received.map((event) => event.id)).size).toBe(EVENTS);
      expect(received).toHaveLength(EVENTS);
      expect(orderBySession(received)).toEqual(expected);
    }

    // Frames for those that asked, never single messages; the others never see a frame.
    for (const framed of [framedWs, framedPolling]) {
      expect(framed.singles).toEqual([]);
      expect(framed.frames.flat()).toEqual(framed.received);
    }
    for (const single of [singleV4, original]) expect(single.frames).toEqual([]);
    expect(oursIn(singleV4)).toEqual(singleV4.singles.filter((event) => ours.has(event.id)));
    // The payload is the event object itself, as the original dashboard reads it.
    const sample = events[1];
    expect(original.received.find((event) => event.id === sample?.id)).toEqual(sample);
    expect(framedWs.received.find((event) => event.id === sample?.id)).toEqual(sample);
  });
});
