import { captureLogs } from "@edm/runtime";
import { eventually } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStream } from "./service";
import { connectV2, connectV4, type TestDashboard } from "./testing/dashboards";
import {
  ALLOWED_ORIGIN,
  click,
  createTestBed,
  idsOf,
  pageload,
  produce,
  startTestStream,
  type TestBed,
  waitUntilLive,
} from "./testing/stream-harness";

const FOREIGN_ORIGIN = "https://evil.example.com";

describe("edm-stream and its dashboards", () => {
  let bed: TestBed;
  let stream: RunningStream;
  const dashboards: TestDashboard[] = [];
  const logs = captureLogs({ level: "info" });

  beforeAll(async () => {
    bed = await createTestBed("stream-dashboards");
    stream = await startTestStream(bed, "solo", { log: logs.log });
  });

  afterAll(async () => {
    for (const dashboard of dashboards) dashboard.close();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("sends every event to socket.io 4 clients and to the original dashboard's socket.io 2 client", async () => {
    const upgraded = await connectV4(stream.url);
    const polling = await connectV4(stream.url, { transports: ["polling"] });
    const original = await connectV2(stream.url);
    dashboards.push(upgraded, polling, original);
    await waitUntilLive(bed, dashboards);

    const events = [
      ...Array.from({ length: 10 }, () => click()),
      ...Array.from({ length: 10 }, () => pageload()),
    ];
    await produce(bed.producer, events);

    for (const dashboard of dashboards) {
      await eventually(() => events.every((event) => idsOf(dashboard).has(event.id ?? "")), {
        timeoutMs: 20_000,
        what: "a dashboard receiving all 20 events",
      });
    }
    // The payload is the event object itself, as the original dashboards read it.
    const sample = events[0];
    for (const dashboard of dashboards) {
      expect(dashboard.received.find((event) => event.id === sample?.id)).toEqual(sample);
    }
  });

  it("is ready once its consumer has joined, and says so on /readyz", async () => {
    const ready = await fetch(`${stream.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { kafka: true } });
    expect((await fetch(`${stream.url}/healthz`)).status).toBe(200);
    expect(stream.status()).toMatchObject({ consuming: true, instance: "solo" });
  });

  it("answers unknown routes with a JSON error", async () => {
    const response = await fetch(`${stream.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/no route GET \/nowhere/) });
  });

  it("refuses socket.io connections from origins not on the allow-list", async () => {
    await expect(
      connectV4(stream.url, { origin: FOREIGN_ORIGIN, transports: ["websocket"] }),
    ).rejects.toThrow();
    await expect(
      connectV4(stream.url, { origin: FOREIGN_ORIGIN, transports: ["polling"] }),
    ).rejects.toThrow();

    const handshake = `${stream.url}/socket.io/?EIO=4&transport=polling`;
    const refused = await fetch(handshake, { headers: { origin: FOREIGN_ORIGIN } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const allowed = await fetch(handshake, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);

    const dashboard = await connectV4(stream.url, { origin: ALLOWED_ORIGIN, transports: ["websocket"] });
    dashboard.close();
    const refusals = logs.lines().filter((line) => line.event === "stream.client.refused");
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toMatchObject({ level: "warn", origin: FOREIGN_ORIGIN });
  });

  it("gives CORS headers on HTTP routes only to listed origins", async () => {
    const allowed = await fetch(`${stream.url}/healthz`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    const foreign = await fetch(`${stream.url}/healthz`, { headers: { origin: FOREIGN_ORIGIN } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("on stop, closes every dashboard's connection so that they reconnect elsewhere", async () => {
    const started = Date.now();
    await stream.stop();
    expect(Date.now() - started).toBeLessThan(20_000);
    const reasons = await Promise.all(dashboards.map((dashboard) => dashboard.disconnected));
    for (const reason of reasons) expect(reason).toBe("transport close");
    await expect(fetch(`${stream.url}/healthz`)).rejects.toThrow();
  });
});
