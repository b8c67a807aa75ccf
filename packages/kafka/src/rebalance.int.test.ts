import { afterAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import type { KafkaConsumer } from "./consumer";
import type { ConsumerCrash } from "./consumer-lifecycle";
import { captureLog } from "./testing/capture-log";
import { committedTotal, eventually, uniqueName } from "./testing/int-helpers";

const log = captureLog();
const kafka = createKafka(
  loadKafkaConfig(inject("kafkaPlaintextEnv"), { clientId: "edm-kafka-int-rebalance" }),
  { log, retry: { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 1_000 } },
);
const admin = kafka.admin();

afterAll(async () => {
  await admin.disconnect();
});

describe("a handler that waits, heartbeating, while another member joins the group", () => {
  it("lets the partition go without a handler failure or a crash; every record is handled in the end", async () => {
    const topic = uniqueName("rebalance");
    const groupId = uniqueName("rebalance-group");
    await admin.ensureTopics([{ topic, partitions: 2 }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(
      topic,
      Array.from({ length: 20 }, (_, index) => ({ key: `k${index}`, value: `v${index}` })),
    );
    await producer.disconnect();

    // The first member stands for edm-stats waiting out a database outage: it heartbeats until the
    // heartbeat says the group is rebalancing, then gives up the batch by throwing (wrapped, as a handler may).
    const handled = new Set<string>();
    const crashes: ConsumerCrash[] = [];
    let waiting = true;
    const first = kafka.consumer({ groupId, topics: [topic], fromBeginning: true, sessionTimeoutMs: 6_000 });
    first.onCrash((crash) => crashes.push(crash));
    let second: KafkaConsumer | undefined;
    await first.start(async (batch) => {
      while (waiting) {
        try {
          await batch.heartbeat();
        } catch (error) {
          waiting = false;
          throw new Error("gave the batch up", { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const record of batch.records) handled.add(record.value?.toString() ?? "");
    });
    try {
      second = kafka.consumer({ groupId, topics: [topic], fromBeginning: true, sessionTimeoutMs: 6_000 });
      await second.start(async (batch) => {
        for (const record of batch.records) handled.add(record.value?.toString() ?? "");
      });
      await eventually(
        async () => (await committedTotal(admin, groupId, topic)) === 20,
        45_000,
        "every record committed",
      );
      expect(handled.size).toBe(20);
      expect(waiting).toBe(false);
      expect(crashes).toEqual([]);
      expect(log.lines.filter((line) => line.message.startsWith("Kafka handler failed"))).toEqual([]);
      expect(log.lines.some((line) => line.message.startsWith("Kafka group is rebalancing"))).toBe(true);
    } finally {
      await Promise.all([first.stop(), second?.stop()]);
    }
  });
});
