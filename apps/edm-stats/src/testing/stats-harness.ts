import { randomUUID } from "node:crypto";
import { type CapturedLogs, captureLogs } from "@edm/runtime";
import { type EdmEvent, TOPICS } from "@edm/schema";
import { type ConsumerTestBed, createConsumerTestBed } from "@edm/testkit";
import { inject } from "vitest";
import { loadConfig, type StatsConfig } from "../config";

// Shared set-up of the edm-stats integration tests: @edm/testkit's consumer test bed (a KAFKA_PREFIX, the
// topics and a PostgreSQL schema of the test's own) and the service's configuration on it.

export const GROUP_ID = "edm-stats";

export interface StatsTestEnv extends ConsumerTestBed {
  config(overrides?: Record<string, string>): StatsConfig;
  /** Events counted so far, read from the database. */
  countedTotal(): Promise<number>;
}

/**
 * The service's logger in a test: lines are kept in memory to assert on, and out of the test output,
 * where the failures a test provokes on purpose would read like real ones.
 */
export function testLogs(): CapturedLogs {
  return captureLogs({ service: "edm-stats", level: "debug" });
}

export async function setUpStatsTest(purpose: string): Promise<StatsTestEnv> {
  const bed = await createConsumerTestBed({
    kafkaEnv: inject("kafkaPlaintextEnv"),
    databaseUrl: inject("databaseUrl"),
    purpose,
    groupId: GROUP_ID,
    clientId: "edm-stats-test",
    partitions: 3,
  });
  const env = {
    ...bed.env,
    PORT: "0",
    STATS_GROUP_ID: GROUP_ID,
    MIGRATE_ON_START: "1",
    // The smallest the broker allows: a killed instance's partitions move on within seconds.
    STATS_SESSION_TIMEOUT: "6s",
    CORS_ORIGINS: "http://dashboard.test",
  };
  return {
    ...bed,
    env,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }),
    async countedTotal() {
      const exists = await bed.db.query("select to_regclass('daily_events') is not null as ready");
      if (!exists.rows[0]?.ready) return 0;
      const { rows } = await bed.db.query<{ total: string }>(
        "select coalesce(sum(events), 0)::text as total from daily_events",
      );
      return Number(rows[0]?.total ?? 0);
    },
  };
}

let clock = Date.now() - 120_000;

/** A valid click with an id; timestamps increase so a series of them spreads over real time. */
export function click(buttonId: string, overrides: Partial<EdmEvent> = {}): EdmEvent {
  clock += 1;
  return {
    topic: TOPICS.click,
    id: randomUUID(),
    uuid: `session-${buttonId.length % 3}`,
    event_timestamp: clock,
    properties: { button_id: buttonId, description: "button click" },
    ...overrides,
  } as EdmEvent;
}

export function pageload(path: string, overrides: Partial<EdmEvent> = {}): EdmEvent {
  clock += 1;
  return {
    topic: TOPICS.pageload,
    id: randomUUID(),
    uuid: "session-pages",
    event_timestamp: clock,
    properties: {
      user_agent: "Mozilla/5.0 (test)",
      description: "page loaded",
      url: `https://shop.example${path}`,
    },
    ...overrides,
  } as EdmEvent;
}

// One way to write events as the relay does, for every test: @edm/testkit's.
export { asRecord, produceEvents } from "@edm/testkit";
