import { DEAD_LETTER_TOPIC, ORIGINAL_CLICK_EXAMPLE, TOPICS } from "@edm/schema";
import { readTopic } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEAD_LETTER_HEADERS } from "./dead-letter";
import { type RunningStats, startStats } from "./service";
import {
  allCommitted,
  asRecord,
  click,
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
    await allCommitted(test, 4);

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
