import { randomUUID } from "node:crypto";
import type { ConsumedRecord, KafkaClient } from "@edm/kafka";
import { createLogger, type Logger } from "@edm/runtime";
import { EVENT_TOPICS } from "@edm/schema";
import { readTopic, testKafka } from "@edm/testkit";
import { loadConfig } from "../config";
import { type RunningRelay, startRelay } from "../service";

// The relay as the integration tests run it: the real wiring from service.ts, against a real broker,
// with a KAFKA_PREFIX of its own so no two tests share a topic (which also proves the prefix works).

export interface RelayFixture {
  relay: RunningRelay;
  url: string;
  prefix: string;
  /** A client of the same broker with the same prefix: logical topic names, like the relay's. */
  kafka: KafkaClient;
  post(path: string, body: unknown, init?: { headers?: Record<string, string> }): Promise<Answer>;
  /** The records on a topic, once `count` arrived, then `settleMs` more to catch any extra ones. */
  read(topic: string, count: number, settleMs?: number): Promise<ConsumedRecord[]>;
  /** Stops the relay (if still running) and deletes the test's topics. */
  cleanUp(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface FixtureOptions {
  /** Extra relay variables (SEND_TIMEOUT_MS, RATE_LIMIT_PER_MINUTE, ...). */
  env?: Record<string, string>;
  log?: Logger;
  /** Lets a test change the relay's Kafka client, e.g. slow its sends down. */
  wrapKafka?: (kafka: KafkaClient) => KafkaClient;
}

export const quietLog = () =>
  createLogger({ service: "edm-relay", env: { LOG_LEVEL: process.env.EDM_TEST_LOG ? "info" : "warn" } });

export async function startTestRelay(
  kafkaEnv: Record<string, string>,
  options: FixtureOptions = {},
): Promise<RelayFixture> {
  const prefix = `test-${randomUUID().slice(0, 8)}.`;
  const env = { ...kafkaEnv, KAFKA_PREFIX: prefix };
  const kafka = testKafka(env, "edm-relay-test");
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(EVENT_TOPICS.map((topic) => ({ topic, partitions: 3 })));
  } finally {
    await admin.disconnect();
  }

  const config = loadConfig({ ...env, PORT: "0", SEND_TIMEOUT_MS: "5s", ...options.env });
  const relayKafka = options.wrapKafka?.(testKafka(env, "edm-relay"));
  const relay = await startRelay(config, {
    log: options.log ?? quietLog(),
    ...(relayKafka ? { kafka: relayKafka } : {}),
  });
  // startRelay returns once the port is bound; the tests here are about a relay that reached Kafka.
  await relay.kafkaConnected;

  return {
    relay,
    url: relay.url,
    prefix,
    kafka,
    post: (path, body, init = {}) => postJson(`${relay.url}${path}`, body, init.headers),
    read: (topic, count, settleMs = 0) => readTopic(kafka, topic, { count, settleMs, timeoutMs: 20_000 }),
    async cleanUp() {
      await relay.stop();
      const cleaner = kafka.admin();
      await cleaner.deleteTopics([...EVENT_TOPICS]).catch(() => {});
      await cleaner.disconnect();
    },
  };
}

/** POSTs `body` (JSON-encoded unless it is already text) as application/json unless told otherwise. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { notJson: text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
