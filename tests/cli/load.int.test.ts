import { randomUUID } from "node:crypto";
import { runEdm } from "@edm/cli/testing";
import { createLogger } from "@edm/runtime";
import { EVENT_ID_HEADER, EVENT_TOPICS } from "@edm/schema";
import { eventually, testKafka } from "@edm/testkit";
import { loadConfig, type RunningRelay, startRelay } from "edm-relay";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// `pnpm edm load` as a user runs it, against the real relay (in-process, its public start) on the real
// broker: every event it reports acknowledged is in Kafka, once, and no other.

const prefix = `load-${randomUUID().slice(0, 8)}.`;
const env = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix };
const kafka = testKafka(env, "edm-load-test");
let relay: RunningRelay;

beforeAll(async () => {
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(EVENT_TOPICS.map((topic) => ({ topic, partitions: 2 })));
  } finally {
    await admin.disconnect();
  }
  const log = createLogger({ service: "edm-relay", env: { LOG_LEVEL: "warn" } });
  relay = await startRelay(loadConfig({ ...env, PORT: "0" }), { log });
});

afterAll(async () => {
  await relay?.stop();
  const admin = kafka.admin();
  await admin.deleteTopics([...EVENT_TOPICS]).catch(() => {});
  await admin.disconnect();
});

describe("pnpm edm load", () => {
  it("sends simulated shoppers through the relay; Kafka holds exactly the events it reports acknowledged", async () => {
    const run = await runEdm(
      ["load", "--relay", relay.url, "--events", "300", "--rate", "150", "--json"],
      {},
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      made: number;
      acknowledged: number;
      refused: number;
      unacknowledged: number;
    };
    expect(summary).toMatchObject({ made: 300, acknowledged: 300, refused: 0, unacknowledged: 0 });

    const ids: string[] = [];
    const topics = new Set<string>();
    const consumer = kafka.consumer({
      groupId: `reader-${randomUUID()}`,
      topics: [...EVENT_TOPICS],
      fromBeginning: true,
    });
    await consumer.start(async (batch) => {
      for (const record of batch.records) {
        ids.push(record.headers[EVENT_ID_HEADER] ?? "");
        topics.add(record.topic);
      }
    });
    try {
      await eventually(() => ids.length >= summary.acknowledged, {
        what: "the acknowledged events in Kafka",
      });
      // A moment more, to see any event that should not be there.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await consumer.stop();
    }
    expect(ids).toHaveLength(summary.acknowledged);
    expect(new Set(ids).size).toBe(summary.acknowledged);
    expect(topics).toEqual(new Set(EVENT_TOPICS));
  });

  it("exits 1 and says so when no relay answers", async () => {
    const run = await runEdm(["load", "--relay", "http://127.0.0.1:9", "--events", "5", "--drain", "1s"], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "the relay at http://127.0.0.1:9 acknowledged no event: is it running? (network)",
    );
  });
});
