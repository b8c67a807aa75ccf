import { randomUUID } from "node:crypto";
import type { EdmEvent } from "@edm/schema";
import { eventually } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sampleLag } from "./catch-up";
import { activateGeneration, openDeployment } from "./generation-control";
import { type RebuildOptions, type RebuildProgress, rebuildStats } from "./rebuild";
import { type RunningStats, startStats } from "./service";
import { dropGenerations, eventsIn, snapshot } from "./testing/generations";
import {
  click,
  GROUP_ID,
  pageload,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

let test: StatsTestEnv;
const running: RunningStats[] = [];

beforeEach(async () => {
  test = await setUpStatsTest("stats_rebuild");
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((stats) => stats.stop()));
  await dropGenerations(test.schema.url, test.schema.name);
  await test.close();
});

async function startLive(): Promise<RunningStats> {
  const stats = await startStats(test.config({ STATS_GENERATION_POLL: "200ms" }), { log: testLogs().log });
  running.push(stats);
  return stats;
}

function rebuild(options: Partial<RebuildOptions> = {}) {
  return rebuildStats({
    databaseUrl: test.schema.url,
    kafka: test.kafka,
    log: testLogs().log,
    groupId: GROUP_ID,
    sessionTimeoutMs: 6_000,
    progressIntervalMs: 200,
    ...options,
  });
}

async function clickCounts(stats: RunningStats): Promise<Record<string, number>> {
  const body = (await (await fetch(`${stats.url}/api/clickCount`)).json()) as {
    button_id: string;
    sum: string;
  }[];
  return Object.fromEntries(body.map((row) => [row.button_id, Number(row.sum)]));
}

/** A history with what a rebuild must get right: duplicates and a record that cannot be counted. */
async function produceHistory(): Promise<{ records: number; events: EdmEvent[] }> {
  const events = [
    ...Array.from({ length: 40 }, (_, index) =>
      click(["espresso", "latte", "mocha", "cortado"][index % 4] ?? ""),
    ),
    ...Array.from({ length: 15 }, (_, index) => pageload(index % 3 ? "/menu" : "/")),
  ];
  await produceEvents(test.producer, events);
  const again = events.slice(0, 3);
  await produceEvents(test.producer, again);
  await test.producer.send("edm-ui-click", [{ key: "x", value: "not an event" }]);
  return { records: events.length + again.length + 1, events };
}

describe("rebuilding the statistics from Kafka (blue/green)", () => {
  it("rebuilds an intact history exactly, switches the live instance to it, and can switch back", async () => {
    const live = await startLive();
    const { records, events } = await produceHistory();
    await test.allCommitted(records);
    const progress: RebuildProgress[] = [];

    const result = await rebuild({ onProgress: (sample) => progress.push(sample) });

    expect(result.generation).toMatchObject({ generation: 1, schema: `${test.schema.name}_g1` });
    expect(result.previous.generation).toBe(0);
    expect(result).toMatchObject({ activated: true, resumed: false, counted: events.length, uncountable: 1 });
    expect(progress.at(-1)?.lag).toBe(0);
    expect(result.totals.rebuilt).toEqual(result.totals.previous);
    expect(await snapshot(test.db, result.generation.schema)).toEqual(
      await snapshot(test.db, test.schema.name),
    );

    // The live instance moves to generation 1: its API answers from it, its counting goes into it.
    await eventually(async () => live.generation().generation === 1, { what: "the live instance's switch" });
    await produceEvents(test.producer, [click("espresso"), click("espresso")]);
    await eventually(async () => (await eventsIn(test.db, result.generation.schema)) === events.length + 2, {
      what: "new events counted into generation 1",
    });
    await expect.poll(async () => (await clickCounts(live)).espresso).toBe(12);
    expect(await eventsIn(test.db, test.schema.name)).toBe(events.length);

    // A rollback: generation 0 becomes active again and catches up from its own group's offsets.
    const deployment = await openDeployment(test.schema.url, GROUP_ID);
    expect((await activateGeneration(test.db, deployment, 0)).switched).toBe(true);
    expect((await activateGeneration(test.db, deployment, 0)).switched).toBe(false);
    await eventually(async () => live.generation().generation === 0, { what: "the switch back" });
    await eventually(async () => (await eventsIn(test.db, test.schema.name)) === events.length + 2, {
      what: "generation 0 catching up",
    });
  });

  it("repairs an aggregate row that was corrupted", async () => {
    const live = await startLive();
    const { records } = await produceHistory();
    await test.allCommitted(records);
    const intact = await snapshot(test.db, test.schema.name);
    await test.db.query("update click_counts set clicks = clicks + 1000 where button_id = 'latte'");
    await test.db.query("delete from page_loads where page = '/menu'");
    await test.db.query("update daily_events set events = 1");

    const result = await rebuild();

    expect(await snapshot(test.db, result.generation.schema)).toEqual(intact);
    expect(result.totals.previous.buttonClicks - result.totals.rebuilt.buttonClicks).toBe(1000);
    expect(result.totals.rebuilt).toMatchObject({
      clicks: 40,
      buttonClicks: 40,
      pageloads: 15,
      pageLoads: 15,
    });
    await eventually(async () => live.generation().generation === 1, { what: "the live instance's switch" });
    await expect.poll(async () => (await clickCounts(live)).latte).toBe(10);
  });

  it("under live traffic, loses and doubles nothing, during the rebuild and across the switch", async () => {
    const live = await startLive();
    const distinct = new Set<string>();
    const sent: EdmEvent[] = [];
    const send = async (batch: EdmEvent[]) => {
      await produceEvents(test.producer, batch);
      for (const event of batch) {
        distinct.add(event.id ?? "");
        sent.push(event);
      }
    };
    for (let round = 0; round < 20; round += 1) {
      await send(Array.from({ length: 100 }, (_, index) => click(`b${index % 9}`, { id: randomUUID() })));
    }
    let flowing = true;
    const flow = (async () => {
      for (let round = 0; flowing; round += 1) {
        // Now and then a producer retry: an event already sent, sent again.
        const retry = round % 5 === 0 ? [sent[Math.floor(sent.length / 2) + round] ?? sent[0]] : [];
        await send([
          ...Array.from({ length: 8 }, () => click(`b${round % 9}`)),
          pageload("/"),
          ...retry,
        ] as EdmEvent[]);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    const result = await rebuild();
    expect(result.activated).toBe(true);
    await eventually(async () => live.generation().generation === 1, { what: "the live instance's switch" });
    // Keep events flowing a while after the switch too.
    const sentAtSwitch = distinct.size;
    await eventually(async () => distinct.size > sentAtSwitch + 100, { what: "traffic after the switch" });
    flowing = false;
    await flow;

    const schema = result.generation.schema;
    await eventually(async () => (await eventsIn(test.db, schema)) >= distinct.size, {
      timeoutMs: 45_000,
      what: `all ${distinct.size} distinct events counted into generation 1`,
    });
    await eventually(
      async () => (await sampleLag(test.kafka, result.generation.groupId)).every((p) => p.lag === 0),
      {
        what: "generation 1's group at the head of every partition",
      },
    );
    expect(await eventsIn(test.db, schema)).toBe(distinct.size);
    const keys = await test.db.query<{ n: string }>(
      `select ((select count(*) from "${schema}".processed_event_ids)
         + (select count(*) from "${schema}".processed_events))::text as n`,
    );
    expect(Number(keys.rows[0]?.n)).toBe(distinct.size);
    // The replaced generation counted until the switch, each event at most once.
    expect(await eventsIn(test.db, test.schema.name)).toBeLessThanOrEqual(distinct.size);
  });
});
