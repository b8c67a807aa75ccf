import { eventually } from "@edm/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningStats, startStats } from "./service";
import { type ChildStats, spawnStats } from "./testing/child-stats";
import {
  click,
  pageload,
  produceEvents,
  type StatsTestEnv,
  setUpStatsTest,
  testLogs,
} from "./testing/stats-harness";

let test: StatsTestEnv;
const children: ChildStats[] = [];
const running: RunningStats[] = [];

beforeEach(async () => {
  test = await setUpStatsTest("stats_restart");
});

afterEach(async () => {
  for (const { child, exited } of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  }
  await Promise.all(running.splice(0).map((stats) => stats.stop()));
  await test.close();
});

async function readyz(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

describe("edm-stats as a process", () => {
  it("starts from its environment alone and, on SIGTERM, commits what it counted and exits 0", async () => {
    const stats = spawnStats(test.env);
    children.push(stats);
    const url = await stats.url;
    await eventually(async () => (await readyz(url)) === 200, { what: "the process to be ready" });

    const events = [click("espresso"), click("espresso"), pageload("/")];
    await produceEvents(test.producer, events);
    await eventually(async () => (await test.countedTotal()) === events.length, { what: "events counted" });

    const stopAsked = Date.now();
    stats.child.kill("SIGTERM");
    expect(await stats.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopAsked).toBeLessThan(25_000);
    expect(await test.committed()).toBe(events.length);
    expect(stats.lines.some((line) => line.msg === "edm-stats stopped cleanly")).toBe(true);
  });

  it("killed mid-stream (SIGKILL), loses nothing and counts nothing twice once another instance takes over", async () => {
    const doomed = spawnStats(test.env);
    children.push(doomed);
    const url = await doomed.url;
    await eventually(async () => (await readyz(url)) === 200, { what: "the first process to be ready" });

    let produced = 0;
    const rounds = 16;
    for (let round = 0; round < rounds; round += 1) {
      const batch = [
        ...Array.from({ length: 20 }, (_, index) => click(`b${(round + index) % 5}`)),
        ...Array.from({ length: 5 }, () => pageload("/menu")),
      ];
      await produceEvents(test.producer, batch);
      produced += batch.length;
      if (round === 6) {
        // Mid-stream, without warning: whatever it counted but had not yet committed comes back.
        await eventually(async () => (await test.countedTotal()) > 0, { what: "the first process counting" });
        doomed.child.kill("SIGKILL");
        expect((await doomed.exited).signal).toBe("SIGKILL");
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const takeover = await startStats(test.config(), { log: testLogs().log });
    running.push(takeover);
    await test.allCommitted(produced);

    expect(await test.countedTotal()).toBe(produced);
    const counts = (await (await fetch(`${takeover.url}/api/clickCount`)).json()) as { sum: string }[];
    expect(counts.reduce((sum, row) => sum + Number(row.sum), 0)).toBe(rounds * 20);
    const summary = (await (await fetch(`${takeover.url}/api/summary`)).json()) as {
      totals: { clicks: number; pageloads: number };
    };
    expect(summary.totals).toMatchObject({ clicks: rounds * 20, pageloads: rounds * 5 });
  });
});
