import type { KafkaClient, KafkaProducer } from "@edm/kafka";
import { createLogger, type Logger } from "@edm/runtime";
import { type EdmEvent, EVENT_TOPICS, randomUUID, TOPICS } from "@edm/schema";
import { eventually, produceEvents, testKafka, uniqueName } from "@edm/testkit";
import { inject } from "vitest";
import { loadConfig } from "../config";
import { type RunningStream, startStream } from "../service";

// Shared set-up of the integration tests: a KAFKA_PREFIX of the test's own, so each test has its own
// "edm-ui-click" and "edm-ui-pageload" on the real broker, and the stream runs with its real wiring.

export const ALLOWED_ORIGIN = "http://dashboard.test:3004";

const quietLog = createLogger({
  service: "edm-stream-test",
  env: { LOG_LEVEL: process.env.EDM_TEST_LOG ? "info" : "warn" },
});

export interface TestBed {
  /** The environment a stream instance of this test starts from. */
  env: Record<string, string>;
  kafka: KafkaClient;
  producer: KafkaProducer;
  cleanup(): Promise<void>;
}

export async function createTestBed(purpose: string): Promise<TestBed> {
  const prefix = `${uniqueName(purpose).replaceAll("_", "-")}.`;
  const env = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix };
  const kafka = testKafka(env);
  const admin = kafka.admin();
  await admin.ensureTopics(EVENT_TOPICS.map((topic) => ({ topic, partitions: 3 })));
  const producer = kafka.producer();
  await producer.connect();
  return {
    env,
    kafka,
    producer,
    cleanup: async () => {
      await producer.disconnect();
      await admin.deleteTopics([...EVENT_TOPICS]).catch(() => {});
      await admin.disconnect();
    },
  };
}

export function startTestStream(
  bed: TestBed,
  instance: string,
  options: { log?: Logger; env?: Record<string, string> } = {},
): Promise<RunningStream> {
  const config = loadConfig({
    ...bed.env,
    PORT: "0",
    STREAM_INSTANCE_ID: instance,
    CORS_ORIGINS: ALLOWED_ORIGIN,
    ...options.env,
  });
  return startStream(config, { log: options.log ?? quietLog, kafka: { disconnectTimeoutMs: 5_000 } });
}

/** A click from its own session, so that a series of them spreads over every partition. */
export function click(extra: Partial<EdmEvent> = {}): EdmEvent {
  return {
    topic: TOPICS.click,
    id: randomUUID(),
    uuid: randomUUID(),
    event_timestamp: Date.now(),
    properties: { button_id: "the-camper's-kit", description: "button click" },
    ...extra,
  } as EdmEvent;
}

export function pageload(url = "https://edm-ui.example.com/"): EdmEvent {
  return {
    topic: TOPICS.pageload,
    id: randomUUID(),
    uuid: randomUUID(),
    event_timestamp: Date.now(),
    properties: { user_agent: "Mozilla/5.0 (integration test)", description: "edm-ui page loaded", url },
  };
}

/** Sends events to their topics, keyed by session like the relay, in sends of at most `chunk`. */
export function produce(producer: KafkaProducer, events: readonly EdmEvent[], chunk = 100): Promise<void> {
  return produceEvents(producer, events, chunk);
}

/** Anything that collects the events it receives. */
export interface Receiver {
  received: EdmEvent[];
}

export function idsOf(receiver: Receiver): Set<string> {
  return new Set(receiver.received.map((event) => event.id ?? ""));
}

/**
 * A new consumer group starts at the newest offsets, resolved after it has joined; events produced
 * in between would be missed. Produces warm-up clicks until every receiver has seen one.
 */
export async function waitUntilLive(bed: TestBed, receivers: readonly Receiver[]): Promise<void> {
  const warmups = new Set<string>();
  const live = () =>
    receivers.every((receiver) => receiver.received.some((event) => warmups.has(event.id ?? "")));
  await eventually(
    async () => {
      if (live()) return true;
      const warmup = click({ properties: { button_id: "warm-up", description: "warm-up" } });
      warmups.add(warmup.id ?? "");
      await produce(bed.producer, [warmup]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return live();
    },
    { timeoutMs: 30_000, what: "every dashboard receiving live events" },
  );
}
