import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { consumerMetrics } from "./consumer-metrics";

async function lagSeries(registry: Registry) {
  const family = (await registry.getMetricsAsJSON()).find(
    (metric) => metric.name === "edm_kafka_consumer_lag",
  );
  return (family?.values ?? []).map(
    (value) => ({ ...value.labels, lag: value.value }) as Record<string, unknown>,
  );
}

describe("consumerMetrics", () => {
  it("counts a batch's records as lag while it is in hand, and only what is left once it is committed", async () => {
    const registry = new Registry();
    const metrics = consumerMetrics(registry, "g");
    metrics.batchStarted("t", 0, "10", "25");
    expect(await lagSeries(registry)).toEqual([{ group: "g", topic: "t", partition: "0", lag: 15 }]);
    metrics.batchHandled({
      topic: "t",
      partition: 0,
      records: 5,
      seconds: 0.01,
      nextOffset: "15",
      highWatermark: "25",
    });
    expect(await lagSeries(registry)).toEqual([{ group: "g", topic: "t", partition: "0", lag: 10 }]);
  });

  it("stops reporting partitions lost in a rebalance", async () => {
    const registry = new Registry();
    const metrics = consumerMetrics(registry, "g");
    metrics.batchStarted("t", 0, "0", "3");
    metrics.batchStarted("t", 1, "0", "4");
    metrics.joined({ t: [1] });
    expect(await lagSeries(registry)).toEqual([{ group: "g", topic: "t", partition: "1", lag: 4 }]);
  });

  it("lets several consumers share one registry, told apart by group", async () => {
    const registry = new Registry();
    consumerMetrics(registry, "a").batchStarted("t", 0, "0", "1");
    consumerMetrics(registry, "b").batchStarted("t", 0, "0", "2");
    expect((await lagSeries(registry)).map((series) => series.group).sort()).toEqual(["a", "b"]);
  });

  it("does nothing without a registry", () => {
    expect(() => consumerMetrics(undefined, "g").batchStarted("t", 0, "0", "1")).not.toThrow();
  });
});
