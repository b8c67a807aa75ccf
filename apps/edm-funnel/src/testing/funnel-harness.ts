import type { KafkaProducer, OutgoingRecord } from "@edm/kafka";
import { type CapturedLogs, captureLogs } from "@edm/runtime";
import {
  EVENT_TOPICS,
  encodeEventRecord,
  type IdentifiedEvent,
  randomUUID,
  SHOP_PRODUCTS,
  TOPICS,
} from "@edm/schema";
import { type ConsumerTestBed, createConsumerTestBed } from "@edm/testkit";
import { inject } from "vitest";
import { type FunnelConfig, loadConfig } from "../config";

// Shared set-up of the edm-funnel integration tests: @edm/testkit's consumer test bed (a KAFKA_PREFIX, the
// topics and a PostgreSQL schema of the test's own) and the service's configuration on it.

export const GROUP_ID = "edm-funnel";

export interface FunnelTestEnv extends ConsumerTestBed {
  /** The service's configuration for this test, with `overrides` of its environment. */
  config(overrides?: Record<string, string>): FunnelConfig;
}

export function testLogs(): CapturedLogs {
  return captureLogs({ service: "edm-funnel", level: "debug" });
}

export async function setUpFunnelTest(purpose: string): Promise<FunnelTestEnv> {
  const bed = await createConsumerTestBed({
    kafkaEnv: inject("kafkaPlaintextEnv"),
    databaseUrl: inject("databaseUrl"),
    purpose,
    groupId: GROUP_ID,
    clientId: "edm-funnel-test",
    partitions: 2,
  });
  const env = { ...bed.env, PORT: "0", MIGRATE_ON_START: "1", CORS_ORIGINS: "http://dashboard.test" };
  return {
    ...bed,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }),
  };
}

const product = SHOP_PRODUCTS[0] ?? { href: "/products/x", buttonId: "x" };

/** The shop's events, as funnelStepOf reads them: each at `at` (ms), for `visitor` (the session id). */
export const shop = {
  visit: (visitor: string, at: number): IdentifiedEvent => pageload(visitor, at, "/"),
  viewProduct: (visitor: string, at: number): IdentifiedEvent => pageload(visitor, at, product.href),
  addToCart: (visitor: string, at: number): IdentifiedEvent => click(visitor, at, product.buttonId),
  placeOrder: (visitor: string, at: number): IdentifiedEvent => click(visitor, at, "place-order"),
};

function pageload(visitor: string, at: number, path: string): IdentifiedEvent {
  return {
    topic: TOPICS.pageload,
    id: randomUUID(),
    uuid: visitor,
    event_timestamp: at,
    properties: { user_agent: "test", description: "page loaded", url: `https://shop.test${path}` },
  };
}

function click(visitor: string, at: number, buttonId: string): IdentifiedEvent {
  return {
    topic: TOPICS.click,
    id: randomUUID(),
    uuid: visitor,
    event_timestamp: at,
    properties: { button_id: buttonId, description: "button click" },
  };
}

/** Sends events to their topics, in the order given within each topic. */
export async function produceEvents(
  producer: KafkaProducer,
  events: readonly IdentifiedEvent[],
): Promise<void> {
  for (const topic of EVENT_TOPICS) {
    const records: OutgoingRecord[] = events
      .filter((event) => event.topic === topic)
      .map((event) => encodeEventRecord(event).record);
    if (records.length > 0) await producer.send(topic, records);
  }
}
