import { Registry } from "prom-client";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import { captureLog } from "./testing/capture-log";
import { eventually, uniqueName } from "./testing/int-helpers";

const kafka = createKafka(
  loadKafkaConfig(inject("kafkaPlaintextEnv"), { clientId: "edm-kafka-int-metrics" }),
  {
    log: captureLog(),
  },
);
const admin = kafka.admin();

afterAll(async () => {
  await admin.disconnect();
});

async function produce(topic: string, count: number) {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send(
      topic,
      Array.from({ length: count }, (_, index) => ({ key: `k${index}`, value: `v${index}` })),
    );
  } finally {
    await producer.disconnect();
  }
}

/** The value of one sample (`sample` names a histogram's _count), 0 when there is none. */
async function seriesValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
  sample = name,
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((family) => family.name === name);
  const series = metric?.values.find(
    (value) =>
      ((value as { metricName?: string }).metricName ?? name) === sample &&
      Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
  );
  return series?.value ?? 0;
}

describe("a consumer given a metrics registry", () => {
  it("reports its lag while it is behind, 0 once it caught up, and what it handled", async () => {
    const topic = uniqueName("metrics");
    const group = uniqueName("metrics-group");
    await admin.ensureTopics([{ topic, partitions: 1 }]);
    await produce(topic, 5);

    const registry = new Registry();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const consumer = kafka.consumer({
      groupId: group,
      topics: [topic],
      fromBeginning: true,
      metrics: registry,
    });
    await consumer.start(async (batch) => {
      await held;
      await batch.heartbeat();
    });
    const lag = () => seriesValue(registry, "edm_kafka_consumer_lag", { group, topic, partition: "0" });
    try {
      // The handler holds its first batch: its records are in hand, none committed.
      await eventually(async () => (await lag()) > 0, 30_000, "lag reported while the handler holds a batch");
      expect(await lag()).toBe(5);
      expect(await seriesValue(registry, "edm_kafka_consumer_records_total", { group, topic })).toBe(0);

      release();
      await eventually(
        async () => (await seriesValue(registry, "edm_kafka_consumer_records_total", { group, topic })) === 5,
        30_000,
        "records counted",
      );
      expect(await lag()).toBe(0);

      await produce(topic, 3);
      await eventually(
        async () => (await seriesValue(registry, "edm_kafka_consumer_records_total", { group, topic })) === 8,
        30_000,
        "later records counted",
      );
      expect(await lag()).toBe(0);
      expect(
        await seriesValue(registry, "edm_kafka_consumer_batches_total", { group, topic, outcome: "handled" }),
      ).toBeGreaterThanOrEqual(2);
      expect(
        await seriesValue(registry, "edm_kafka_consumer_rebalances_total", { group }),
      ).toBeGreaterThanOrEqual(1);
      const handlerSeconds = "edm_kafka_consumer_handler_duration_seconds";
      expect(
        await seriesValue(registry, handlerSeconds, { group, topic }, `${handlerSeconds}_count`),
      ).toBeGreaterThanOrEqual(2);
    } finally {
      release();
      await consumer.stop();
      await admin.deleteTopics([topic]);
    }
  });
});
