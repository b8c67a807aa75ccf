import { randomUUID } from "node:crypto";
import { runEdm } from "@edm/cli/testing";
import { ALL_TOPICS, EVENT_TOPICS, TOPICS } from "@edm/schema";
import { createTestSchema, type TestSchema, testKafka } from "@edm/testkit";
import { dropGenerations } from "edm-stats/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// `pnpm edm rebuild-stats` as a user runs it: the CLI runs edm-stats's own rebuild as a child process
// against the real broker and PostgreSQL, and reports both generations' totals.

const prefix = `rebuild-cli-${randomUUID().slice(0, 8)}.`;
const kafkaEnv = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix };
const kafka = testKafka(kafkaEnv, "edm-rebuild-cli-test");
let schema: TestSchema;
let env: Record<string, string>;

const event = (topic: string, index: number) =>
  topic === TOPICS.click
    ? {
        topic,
        id: randomUUID(),
        uuid: `session-${index % 3}`,
        event_timestamp: Date.now() - 60_000 + index,
        properties: { button_id: `button-${index % 4}`, description: "button click" },
      }
    : {
        topic,
        id: randomUUID(),
        uuid: `session-${index % 3}`,
        event_timestamp: Date.now() - 60_000 + index,
        properties: {
          user_agent: "test",
          description: "page loaded",
          url: `https://shop.test/p/${index % 5}`,
        },
      };

beforeAll(async () => {
  const admin = kafka.admin();
  try {
    await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions: 2 })));
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.sendBatch(
      EVENT_TOPICS.map((topic) => ({
        topic,
        records: Array.from({ length: 20 }, (_, index) => {
          const value = event(topic, index);
          return { key: value.uuid, value: JSON.stringify(value) };
        }),
      })),
    );
  } finally {
    await producer.disconnect();
  }
  schema = await createTestSchema(inject("databaseUrl"), "rebuild_cli");
  env = { ...kafkaEnv, DATABASE_URL: schema.url, STATS_SESSION_TIMEOUT: "6s" };
});

afterAll(async () => {
  await dropGenerations(inject("databaseUrl"), schema.name);
  await schema.drop();
  const admin = kafka.admin();
  await admin.deleteTopics([...ALL_TOPICS]).catch(() => {});
  await admin.disconnect();
});

interface ResultLine {
  type: "result";
  counted: number;
  generation: { generation: number };
  totals: { previous: Record<string, number>; rebuilt: Record<string, number> };
}

describe("pnpm edm rebuild-stats", () => {
  it("rebuilds an intact history; rebuilt again, both generations' totals match", async () => {
    const first = await runEdm(["rebuild-stats", "--json"], env, 120_000);
    expect(first.code, first.stderr).toBe(0);
    const firstResult = JSON.parse(first.stdout.trim().split("\n").at(-1) ?? "{}") as ResultLine;
    expect(firstResult).toMatchObject({ type: "result", counted: 40, generation: { generation: 1 } });
    expect(firstResult.totals.rebuilt).toMatchObject({ events: 40, clicks: 20, pageloads: 20 });

    // For people: the live line is on a terminal only; the summary names both generations' totals.
    const second = await runEdm(["rebuild-stats"], env, 120_000);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Rebuilt generation 2 and switched to it (from generation 1).");
    expect(second.stdout).toMatch(/events\s.*\b40\b.*\b40\b/);
    expect(second.stdout).not.toContain("differs");

    const status = await runEdm(["rebuild-stats", "status"], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/generation 2 .*ACTIVE/);
  });

  it("refuses without DATABASE_URL, exit 3, and passes a wrong subcommand's exit 2 through", async () => {
    const noDatabase = await runEdm(["rebuild-stats"], kafkaEnv);
    expect(noDatabase.code).toBe(3);
    expect(noDatabase.stderr).toContain("DATABASE_URL is not set");
    const wrong = await runEdm(["rebuild-stats", "sideways"], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command "sideways"');
  });
});
