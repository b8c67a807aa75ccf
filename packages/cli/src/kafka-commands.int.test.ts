import { randomUUID } from "node:crypto";
import type { KafkaClient } from "@edm/kafka";
import { eventually, testKafka } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EXIT } from "./cli-error";
import { runEdm } from "./testing/run-edm";

// `pnpm edm replay` and `pnpm edm lag` as a user runs them, against the real broker. A KAFKA_PREFIX of
// the test's own keeps its topics and groups apart from everything else on the broker.

const prefix = `cli-${randomUUID().slice(0, 8)}.`;
const env = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: prefix };
const kafka: KafkaClient = testKafka(env, "edm-cli-test");
const admin = kafka.admin();
const producer = kafka.producer();
const topic = "clicks";
const group = "counter";

const produce = (count: number, from: number) =>
  producer.send(
    topic,
    Array.from({ length: count }, (_, index) => ({
      key: `key-${from + index}`,
      value: `record-${from + index}`,
    })),
  );

/** Runs a consumer of `group` until it has committed `total` offsets, then stops it. */
async function consumeUntilCommitted(total: number) {
  const consumer = kafka.consumer({ groupId: group, topics: [topic], fromBeginning: true });
  await consumer.start(async () => {});
  try {
    await eventually(async () => (await committed()) === total, { what: `${total} committed offsets` });
  } finally {
    await consumer.stop();
  }
}

async function committed(): Promise<number> {
  const offsets = await admin.fetchGroupOffsets(group);
  return offsets
    .flatMap((entry) => entry.partitions)
    .reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
}

interface LagJson {
  groups: {
    group: string;
    totalLag: number;
    members: number;
    partitions: { partition: number; committed: number; end: number; lag: number }[];
  }[];
}

beforeAll(async () => {
  await admin.ensureTopics([{ topic, partitions: 2 }]);
  await producer.connect();
  await produce(10, 0);
  await consumeUntilCommitted(10);
});

afterAll(async () => {
  await producer.disconnect();
  await admin.deleteTopics([topic]).catch(() => {});
  await admin.disconnect();
});

describe("pnpm edm lag", () => {
  it("shows a group's lag per partition, matching what was produced and consumed", async () => {
    const caughtUp = await runEdm(["lag", "--json"], env);
    expect(caughtUp.code).toBe(EXIT.ok);
    expect(caughtUp.stderr).toContain("from KAFKA_URL");
    expect(JSON.parse(caughtUp.stdout)).toMatchObject({ groups: [{ group, totalLag: 0, members: 0 }] });

    await produce(5, 10);
    const behind = await runEdm(["lag", "--group", group, "--json"], env);
    const [counter] = (JSON.parse(behind.stdout) as LagJson).groups;
    expect(counter?.totalLag).toBe(5);
    const ends = await admin.topicOffsets(topic);
    expect(
      counter?.partitions.map(({ partition, end, lag, committed }) => ({
        partition,
        end,
        lag: end - committed,
        shown: lag,
      })),
    ).toEqual(
      ends.map(({ partition, high }) => ({
        partition,
        end: Number(high),
        lag: expect.any(Number),
        shown: expect.any(Number),
      })),
    );
    expect(counter?.partitions.every(({ end, committed, lag }) => lag === end - committed)).toBe(true);

    const table = await runEdm(["lag"], env);
    expect(table.stdout).toContain(`${group}: lag 5, Empty, 0 active members`);
  });
});

describe("pnpm edm replay", () => {
  it("prints the plan on --dry-run and changes nothing", async () => {
    const before = await admin.fetchGroupOffsets(group);
    const run = await runEdm(["replay", group, "--to", "earliest", "--dry-run"], env);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/topic\s+│ partition │ committed │ target │ end │ lag now │ lag after/);
    expect(run.stdout).toMatch(new RegExp(`│ ${topic}\\s+│\\s+0 │\\s+\\d+ │\\s+0 │`));
    expect(run.stdout).toContain(
      `Dry run: nothing changed. A replay would move group ${group} to the earliest retained record.`,
    );
    expect(await admin.fetchGroupOffsets(group)).toEqual(before);
  });

  it("refuses while the group has an active member, naming it, with exit code 4", async () => {
    const consumer = kafka.consumer({ groupId: group, topics: [topic] });
    await consumer.start(async () => {});
    try {
      const run = await runEdm(["replay", group, "--to", "earliest"], env);
      expect(run.code).toBe(EXIT.refused);
      expect(run.stderr).toMatch(new RegExp(`group ${group} has 1 active member \\(edm-cli-test@`));
      expect(run.stderr).toContain("stop them first, e.g. heroku ps:scale web=0 -a <app>");
    } finally {
      await consumer.stop();
    }
  });

  it("moves an idle group to the earliest offsets, from where its consumer reads again", async () => {
    const run = await runEdm(["replay", group, "--to", "earliest"], env);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toContain(
      `Moved group ${group} to the earliest retained record: 2 partition(s), 15 record(s) to read.`,
    );
    expect(await committed()).toBe(0);

    const read: string[] = [];
    const consumer = kafka.consumer({ groupId: group, topics: [topic] });
    await consumer.start(async (batch) => {
      read.push(...batch.records.map((record) => record.value?.toString() ?? ""));
    });
    try {
      await eventually(() => read.length >= 15, { what: "all 15 records read again" });
      expect(new Set(read).size).toBe(15);
    } finally {
      await consumer.stop();
    }
  });

  it("moves to a time, and to explicit offsets", async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const toTime = await runEdm(["replay", group, "--to", future, "--topic", topic], env);
    expect(toTime.code).toBe(EXIT.ok);
    expect(await committed()).toBe(15); // nothing is that new: every partition's end

    const explicit = await runEdm(["replay", group, "--to", `${topic}:0=1,${topic}:1=2`], env);
    expect(explicit.code).toBe(EXIT.ok);
    const offsets = (await admin.fetchGroupOffsets(group))[0]?.partitions;
    expect(offsets).toEqual([
      { partition: 0, offset: "1" },
      { partition: 1, offset: "2" },
    ]);
  });

  it("refuses offsets past the end and unknown topics as usage errors", async () => {
    const pastEnd = await runEdm(["replay", group, "--to", `${topic}:0=999999`], env);
    expect(pastEnd.code).toBe(EXIT.usage);
    expect(pastEnd.stderr).toContain(`${topic}:0=999999 is outside the retained records`);
    const unknown = await runEdm(["replay", group, "--to", "latest", "--topic", "no-such-topic"], env);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain(`no such topic on the broker: ${prefix}no-such-topic`);
  });
});
