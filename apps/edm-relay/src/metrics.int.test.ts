import { scrapeMetrics, sumOf } from "@edm/testkit";
import { afterEach, describe, expect, inject, it } from "vitest";
import { click, newSession, pageload } from "./testing/events";
import { type RelayFixture, startTestRelay } from "./testing/relay-fixture";

const TOKEN = "relay-metrics-token-for-tests";

let fixture: RelayFixture | undefined;
afterEach(async () => {
  await fixture?.cleanUp();
  fixture = undefined;
});

describe("edm-relay's /metrics", () => {
  it("needs METRICS_TOKEN when set, and counts accepted and refused events, produce requests and HTTP requests", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"), { env: { METRICS_TOKEN: TOKEN } });
    const session = newSession();
    expect(
      (await fixture.post("/api/events", [click(session, 1), click(session, 2), pageload(session)])).status,
    ).toBe(202);
    expect((await fixture.post("/produceClickMessage", click(session, 3))).status).toBe(202);
    expect((await fixture.post("/api/events", [{ topic: "nope" }, { topic: "nope" }])).status).toBe(400);

    const refused = await fetch(`${fixture.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: expect.any(String) });

    const samples = await scrapeMetrics(fixture.url, TOKEN);
    expect(sumOf(samples, "edm_relay_events_accepted_total", { topic: "edm-ui-click" })).toBe(3);
    expect(sumOf(samples, "edm_relay_events_accepted_total", { topic: "edm-ui-pageload" })).toBe(1);
    expect(sumOf(samples, "edm_relay_events_refused_total", { reason: "invalid" })).toBe(2);
    expect(sumOf(samples, "edm_relay_events_per_produce_request_sum")).toBe(4);
    expect(
      sumOf(samples, "edm_relay_produce_duration_seconds_count", { outcome: "ok" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, "edm_relay_queued_events", { state: "queued" })).toBe(0);
    expect(
      sumOf(samples, "edm_http_request_duration_seconds_count", {
        service: "edm-relay",
        route: "/api/events",
        status_code: "202",
      }),
    ).toBe(1);
    expect(
      sumOf(samples, "edm_http_request_duration_seconds_count", {
        route: "/produceClickMessage",
        status_code: "202",
      }),
    ).toBe(1);
    expect(
      sumOf(samples, "edm_http_request_duration_seconds_count", { route: "/api/events", status_code: "400" }),
    ).toBe(1);
    expect(sumOf(samples, "nodejs_eventloop_lag_seconds", { service: "edm-relay" })).toBeGreaterThanOrEqual(
      0,
    );
    expect(samples.some((sample) => sample.name === "nodejs_heap_size_used_bytes")).toBe(true);
  });
});
