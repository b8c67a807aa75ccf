import { eventually, type Sample, scrapeMetrics, sumOf } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStream } from "./service";
import { connectV4, refusedV4, type TestDashboard } from "./testing/dashboards";
import {
  click,
  createTestBed,
  produce,
  startTestStream,
  type TestBed,
  waitUntilLive,
} from "./testing/stream-harness";

const TOKEN = "stream-metrics-token-for-tests";

describe("edm-stream's /metrics", () => {
  let bed: TestBed;
  let stream: RunningStream;
  let dashboard: TestDashboard | undefined;

  beforeAll(async () => {
    bed = await createTestBed("stream-metrics");
    stream = await startTestStream(bed, "metrics", {
      env: { STREAM_MAX_DASHBOARDS: "1", METRICS_TOKEN: TOKEN },
    });
  });

  afterAll(async () => {
    dashboard?.close();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("needs the token, then shows dashboards, events sent, refusals at the cap and the consumer's records and lag", async () => {
    expect((await fetch(`${stream.url}/metrics`)).status).toBe(401);

    dashboard = await connectV4(stream.url);
    await waitUntilLive(bed, [dashboard]);
    await produce(bed.producer, [click(), click(), click()]);
    await refusedV4(stream.url);

    const group = `edm-stream.metrics`;
    let samples: Sample[] = [];
    await eventually(
      async () => {
        samples = await scrapeMetrics(stream.url, TOKEN);
        return sumOf(samples, "edm_stream_events_sent_total") >= 4;
      },
      { what: "the events counted as sent" },
    );
    expect(sumOf(samples, "edm_stream_dashboards", { service: "edm-stream" })).toBe(1);
    expect(sumOf(samples, "edm_stream_events_sent_total")).toBeGreaterThanOrEqual(4);
    expect(sumOf(samples, "edm_stream_dashboards_refused_total")).toBe(1);
    expect(sumOf(samples, "edm_stream_events_skipped_total")).toBe(0);
    expect(sumOf(samples, "edm_stream_dashboards_disconnected_total")).toBe(0);
    expect(sumOf(samples, "edm_stream_dashboards_behind")).toBe(0);
    expect(sumOf(samples, "edm_kafka_consumer_records_total", { group })).toBeGreaterThanOrEqual(4);
    expect(sumOf(samples, "edm_kafka_consumer_rebalances_total", { group })).toBeGreaterThanOrEqual(1);
    expect(samples.filter((sample) => sample.name === "edm_kafka_consumer_lag").length).toBeGreaterThan(0);
    expect(sumOf(samples, "edm_kafka_consumer_lag", { group })).toBe(0);
    expect(samples.some((sample) => sample.name === "nodejs_eventloop_lag_seconds")).toBe(true);
  });
});
