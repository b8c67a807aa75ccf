import { eventually } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BatchOutcome } from "./batch-handler";
import { type RunningStats, startStats } from "./service";
import {
  asRecord,
  click,
  pageload,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

let test: StatsTestEnv;
const running: RunningStats[] = [];

beforeEach(async () => {
  test = await setUpStatsTest("stats_once");
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((stats) => stats.stop()));
  await test.close();
});

async function start(afterCommit?: (outcome: BatchOutcome) => void | Promise<void>) {
  const stats = await startStats(test.config(), {
    log: testLogs().log,
    ...(afterCommit ? { afterCommit } : {}),
  });
  running.push(stats);
  return stats;
}

async function clickCounts(stats: RunningStats): Promise<Record<string, string>> {
  const body = (await (await fetch(`${stats.url}/api/clickCount`)).json()) as {
    button_id: string;
    sum: string;
  }[];
  return Object.fromEntries(body.map((row) => [row.button_id, row.sum]));
}

describe("edm-stats counts each event once", () => {
  it("when the same event is in Kafka twice (a producer retry), in one batch or in two", async () => {
    const stats = await start();
    const twice = click("espresso");
    const once = click("latte");
    // The same record twice in one send (likely one batch), then once more in a later send.
    await test.producer.send("edm-ui-click", [asRecord(twice), asRecord(twice), asRecord(once)]);
    await test.allCommitted(3);
    await test.producer.send("edm-ui-click", [asRecord(twice)]);
    await test.allCommitted(4);

    expect(await clickCounts(stats)).toEqual({ espresso: "1", latte: "1" });
    expect(await test.countedTotal()).toBe(2);
  });

  it("when it crashes between the database commit and the offset commit", async () => {
    const events = [
      ...Array.from({ length: 30 }, (_, index) => click(["mocha", "flat-white", "cortado"][index % 3] ?? "")),
      ...Array.from({ length: 12 }, (_, index) => pageload(index % 2 ? "/menu" : "/")),
    ];
    await produceEvents(test.producer, events);

    // The first instance commits every batch to the database, then "dies" before Kafka hears of it.
    const crashed: BatchOutcome[] = [];
    const first = await start((outcome) => {
      crashed.push(outcome);
      throw new Error("simulated crash after the database commit");
    });
    await eventually(async () => (await test.countedTotal()) === events.length, {
      what: "the first instance's database commits",
    });
    expect(await test.committed()).toBe(0);
    await first.stop();
    running.splice(running.indexOf(first), 1);
    expect(crashed.reduce((sum, outcome) => sum + outcome.counted, 0)).toBe(events.length);

    // The second instance in the same group gets every record again and must add nothing.
    const redelivered: BatchOutcome[] = [];
    const second = await start((outcome) => {
      redelivered.push(outcome);
    });
    await test.allCommitted(events.length);

    expect(redelivered.reduce((sum, outcome) => sum + outcome.records, 0)).toBeGreaterThanOrEqual(
      events.length,
    );
    expect(redelivered.reduce((sum, outcome) => sum + outcome.counted, 0)).toBe(0);
    expect(await test.countedTotal()).toBe(events.length);
    expect(await clickCounts(second)).toEqual({ cortado: "10", "flat-white": "10", mocha: "10" });

    // And it carries on counting new events exactly.
    await produceEvents(test.producer, [click("mocha"), pageload("/")]);
    await test.allCommitted(events.length + 2);
    expect(await test.countedTotal()).toBe(events.length + 2);
    // The API may answer from its cache for up to a second.
    await expect.poll(async () => (await clickCounts(second)).mocha).toBe("11");
  });

  it("when two instances share the group and one stops mid-stream", async () => {
    const a = await start();
    const b = await start();
    const events: ReturnType<typeof click>[] = [];
    for (let round = 0; round < 10; round += 1) {
      const batch = Array.from({ length: 20 }, (_, index) => click(`b${(round * 20 + index) % 7}`));
      events.push(...batch);
      await produceEvents(test.producer, batch);
      if (round === 4) {
        await a.stop(); // partitions move to b; whatever a had not committed, b reads again
        running.splice(running.indexOf(a), 1);
      }
    }
    await test.allCommitted(events.length);
    expect(await test.countedTotal()).toBe(events.length);
    const counts = await clickCounts(b);
    expect(Object.values(counts).reduce((sum, value) => sum + Number(value), 0)).toBe(events.length);
  });
});
