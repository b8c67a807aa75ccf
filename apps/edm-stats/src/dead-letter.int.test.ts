import { DEAD_LETTER_HEADERS } from "@edm/kafka";
import { DEAD_LETTER_TOPIC, ORIGINAL_CLICK_EXAMPLE, TOPICS } from "@edm/schema";
import { readTopic } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { type RunningStats, startStats } from "./service";
import {
  asRecord,
  click,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

let test: StatsTestEnv;
let stats: RunningStats | undefined;

beforeEach(async () => {
  test = await setUpStatsTest("stats_dead");
});

afterEach(async () => {
  await stats?.stop();
  stats = undefined;
  await test.close();
});

describe("a record edm-stats cannot count", () => {
  it("goes to the dead-letter topic with its reason and origin, is logged, and counting carries on", async () => {
    const logs = testLogs();
    stats = await startStats(test.config(), { log: logs.log });
    const before = click("before");
    const after = click("after");
    const notEvent = { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: "yesterday" };
    // One partition (same key), in this order: a good event, two poison records, a good event.
    await test.producer.send(TOPICS.click, [
      { key: "k", value: JSON.stringify(before) },
      { key: "k", value: "this is not JSON {", headers: { "x-sender": "test" } },
      { key: "k", value: JSON.stringify(notEvent) },
      { key: "k", value: asRecord(after).value },
    ]);
    await test.allCommitted(4);

    const counts = (await (await fetch(`${stats.url}/api/clickCount`)).json()) as unknown;
    expect(counts).toEqual([
      { button_id: "after", sum: "1" },
      { button_id: "before", sum: "1" },
    ]);

    const letters = await readTopic(test.kafka, DEAD_LETTER_TOPIC, { count: 2, settleMs: 500 });
    expect(letters).toHaveLength(2);
    const byOffset = [...letters].sort(
      (a, b) => Number(a.headers[DEAD_LETTER_HEADERS.offset]) - Number(b.headers[DEAD_LETTER_HEADERS.offset]),
    );
    const [notJson, invalid] = byOffset;
    expect(notJson?.value?.toString()).toBe("this is not JSON {");
    expect(notJson?.key).toBe("k");
    expect(notJson?.headers).toMatchObject({
      "x-sender": "test",
      [DEAD_LETTER_HEADERS.reason]: "the value (18 bytes) is not valid JSON",
      [DEAD_LETTER_HEADERS.topic]: TOPICS.click,
      [DEAD_LETTER_HEADERS.offset]: "1",
      [DEAD_LETTER_HEADERS.consumer]: "edm-stats",
    });
    expect(JSON.parse(invalid?.value?.toString() ?? "")).toEqual(notEvent);
    expect(invalid?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(
      /^the value is not a valid event: event_timestamp must be a number/,
    );
    expect(invalid?.headers[DEAD_LETTER_HEADERS.partition]).toBe(
      notJson?.headers[DEAD_LETTER_HEADERS.partition],
    );

    const logged = logs.lines().filter((line) => line.event === "stats.record.invalid");
    expect(logged.map((line) => [line.level, line.topic, line.offset])).toEqual([
      ["warn", TOPICS.click, "1"],
      ["warn", TOPICS.click, "2"],
    ]);
    expect(logged[0]?.reason).toBe("the value (18 bytes) is not valid JSON");
  });
});

async function clickCounts(): Promise<Record<string, number>> {
  const { rows } = await test.db.query<{ button_id: string; clicks: string }>(
    "select button_id, clicks from click_counts",
  );
  return Object.fromEntries(rows.map((row) => [row.button_id, Number(row.clicks)]));
}

async function processedKeys(): Promise<number> {
  const { rows } = await test.db.query<{ keys: number }>(
    "select (select count(*)::int from processed_event_ids) + (select count(*)::int from processed_events) as keys",
  );
  return rows[0]?.keys ?? 0;
}

describe("a record PostgreSQL refuses", () => {
  it("goes alone to the dead-letter topic with the database's reason; the rest of its batch is counted once", async () => {
    // A constraint added after the schema accepted the event: what a future column or check may do.
    const { log } = testLogs();
    await migrate({ databaseUrl: test.schema.url, log });
    await test.db.query(
      "alter table click_counts add constraint no_poison check (button_id <> 'poison-button')",
    );
    const logs = testLogs();
    stats = await startStats(test.config(), { log: logs.log });

    // One partition (one key), so the poison is in the middle of a batch of valid events.
    const before = Array.from({ length: 10 }, (_, index) => click(`espresso-${index % 3}`));
    const poison = click("poison-button");
    const after = Array.from({ length: 9 }, (_, index) => click(`latte-${index % 2}`));
    await test.producer.send(
      TOPICS.click,
      [...before, poison, ...after].map((event) => ({ ...asRecord(event), key: "one-session" })),
    );
    await test.allCommitted(20);

    expect(await clickCounts()).toEqual({
      "espresso-0": 4,
      "espresso-1": 3,
      "espresso-2": 3,
      "latte-0": 5,
      "latte-1": 4,
    });
    expect(await test.countedTotal()).toBe(19);
    expect(await processedKeys()).toBe(19);

    const letters = await readTopic(test.kafka, DEAD_LETTER_TOPIC, { count: 1, settleMs: 500 });
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(JSON.parse(letter?.value?.toString() ?? "")).toEqual(poison);
    expect(letter?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(
      /^PostgreSQL refused it: SQLSTATE 23514: .*"no_poison"/,
    );
    expect(letter?.headers[DEAD_LETTER_HEADERS.offset]).toBe("10");
    const refused = logs.lines().filter((line) => line.event === "stats.record.refused");
    expect(refused.map((line) => line.offset)).toEqual(["10"]);

    // And consumption carries on past it.
    await produceEvents(test.producer, [click("after-the-poison"), click("after-the-poison")]);
    await test.allCommitted(22);
    expect((await clickCounts())["after-the-poison"]).toBe(2);
    expect(await test.countedTotal()).toBe(21);
  });

  it("a NUL byte written straight to Kafka is dead-lettered (by the decoder or by PostgreSQL) and stops nothing", async () => {
    stats = await startStats(test.config(), { log: testLogs().log });
    const valid = Array.from({ length: 6 }, () => click("flat-white"));
    const nul = click("nul\u0000byte");
    await test.producer.send(
      TOPICS.click,
      [valid[0], nul, ...valid.slice(1)].map((event) => ({ ...asRecord(event as typeof nul), key: "s" })),
    );
    await test.allCommitted(7);

    expect(await clickCounts()).toEqual({ "flat-white": 6 });
    expect(await test.countedTotal()).toBe(6);
    const letters = await readTopic(test.kafka, DEAD_LETTER_TOPIC, { count: 1, settleMs: 500 });
    expect(letters).toHaveLength(1);
    expect(letters[0]?.headers[DEAD_LETTER_HEADERS.offset]).toBe("1");
    expect(letters[0]?.value?.toString()).toContain("\\u0000");
  });
});
