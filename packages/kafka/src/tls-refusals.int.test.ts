import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { type KafkaConfig, loadKafkaConfig } from "./config";
import { captureLog } from "./testing/capture-log";

const herokuEnv = inject("kafkaHerokuEnv");
const pem = (file: string) => readFileSync(join(inject("kafkaCertsDir"), file), "utf8");
const load = (overrides: Record<string, string>) =>
  loadKafkaConfig({ ...herokuEnv, ...overrides }, { clientId: "edm-kafka-int-refused" });

/** Few, short retries: a refused handshake must end in an error quickly, not in a long retry loop. */
const BOUND_MS = 20_000;

async function expectRefused(config: KafkaConfig) {
  const kafka = createKafka(config, {
    log: captureLog(),
    connectionTimeoutMs: 3_000,
    requestTimeoutMs: 5_000,
    retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
    disconnectTimeoutMs: 2_000,
  });
  const producer = kafka.producer();
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: "refused", topics: ["refused"] });
  const started = Date.now();
  try {
    // The TLS alert or verification error names the certificate problem in each case.
    await expect(producer.connect()).rejects.toThrow(/^Kafka producer could not connect to .*certificate/);
    await expect(admin.listTopics()).rejects.toThrow(/^Kafka admin could not list topics: .*certificate/);
    await expect(consumer.start(async () => {})).rejects.toThrow(
      /^The Kafka consumer of group ".*refused" could not start: .*certificate/,
    );
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
  expect(producer.isConnected()).toBe(false);
}

describe("the mutual-TLS listener refuses", () => {
  it("a client that presents no certificate", async () => {
    const config = load({});
    if (!config.tls) throw new Error("kafkaHerokuEnv should use kafka+ssl://");
    await expectRefused({ ...config, tls: { ...config.tls, cert: "", key: "" } });
  });

  it("a client whose certificate another CA signed", async () => {
    await expectRefused(
      load({
        KAFKA_CLIENT_CERT: pem("other-client.pem"),
        KAFKA_CLIENT_CERT_KEY: pem("other-client-key.pem"),
      }),
    );
  });

  it("our client when KAFKA_TRUSTED_CERT does not trust the broker's chain", async () => {
    await expectRefused(load({ KAFKA_TRUSTED_CERT: pem("other-ca.pem") }));
  });

  it("nothing when the trusted CA is one of two (CA rotation)", async () => {
    const config = load({ KAFKA_TRUSTED_CERT: `${pem("other-ca.pem")}${pem("ca.pem")}` });
    expect(config.tls?.ca).toHaveLength(2);
    const admin = createKafka(config, { log: captureLog() }).admin();
    try {
      expect(Array.isArray(await admin.listTopics())).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });
});
