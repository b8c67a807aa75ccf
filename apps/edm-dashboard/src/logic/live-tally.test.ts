import { describe, expect, it } from "vitest";
import { LiveTally, STATS_LAG_ALLOWANCE_MS } from "./live-tally";

const t0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

/** What the dashboard shows for a key: the history plus what is pending. */
function shown(tally: LiveTally, history: Map<string, number>, key: string): number {
  return (history.get(key) ?? 0) + (tally.pendingByKey().get(key) ?? 0);
}

describe("LiveTally", () => {
  it("moves at once on a live event and does not double count once the history includes it", () => {
    const tally = new LiveTally();
    const first = counts({ kit: 10 });
    tally.reconcile(first, t0);
    expect(shown(tally, first, "kit")).toBe(10);

    tally.add("e1", "kit", t0 + 1000);
    tally.add("e2", "kit", t0 + 1200);
    expect(shown(tally, first, "kit")).toBe(12);

    // Stats has counted one of the two so far.
    const second = counts({ kit: 11 });
    tally.reconcile(second, t0 + 10_000);
    expect(shown(tally, second, "kit")).toBe(12);

    const third = counts({ kit: 12 });
    tally.reconcile(third, t0 + 20_000);
    expect(shown(tally, third, "kit")).toBe(12);
    expect(tally.pendingCount).toBe(0);
  });

  it("keeps events that arrived before the first answer, since stats usually counts after the stream", () => {
    const tally = new LiveTally();
    tally.add("e1", "kit", t0 + 100);
    const first = counts({ kit: 3 });
    tally.reconcile(first, t0);
    expect(shown(tally, first, "kit")).toBe(4);
  });

  it("counts an event delivered twice once", () => {
    const tally = new LiveTally();
    expect(tally.add("e1", "kit", t0)).toBe(true);
    expect(tally.add("e1", "kit", t0 + 5)).toBe(false);
    expect(tally.pendingByKey()).toEqual(counts({ kit: 1 }));
  });

  it("retires only the key that grew, and never more than are pending", () => {
    const tally = new LiveTally();
    tally.reconcile(counts({ kit: 1, cup: 1 }), t0);
    tally.add("e1", "kit", t0 + 1000);
    tally.add("e2", "cup", t0 + 1000);
    // Five clicks on "kit" this page never saw (e.g. sent while its socket was down) plus ours.
    const next = counts({ kit: 7, cup: 1 });
    tally.reconcile(next, t0 + 10_000);
    expect(tally.pendingByKey()).toEqual(counts({ cup: 1 }));
    expect(shown(tally, next, "kit")).toBe(7);
  });

  it("retires the oldest pending events first", () => {
    const tally = new LiveTally();
    tally.reconcile(counts({ kit: 0 }), t0);
    tally.add("old", "kit", t0 + 1000);
    tally.add("new", "kit", t0 + 25_000);
    tally.reconcile(counts({ kit: 1 }), t0 + 30_000);
    // Had growth retired "new", the age rule would now retire "old" and leave nothing pending.
    tally.reconcile(counts({ kit: 1 }), t0 + 1000 + STATS_LAG_ALLOWANCE_MS + 1);
    expect(tally.pendingCount).toBe(1);
  });

  it("assumes an event older than the lag allowance is counted, so a miscount cannot last", () => {
    const tally = new LiveTally();
    tally.add("e1", "kit", t0);
    const history = counts({ kit: 1 }); // the first answer already had it: shown one too many for now
    tally.reconcile(history, t0 + 500);
    expect(shown(tally, history, "kit")).toBe(2);
    tally.reconcile(history, t0 + STATS_LAG_ALLOWANCE_MS);
    expect(shown(tally, history, "kit")).toBe(2);
    tally.reconcile(history, t0 + STATS_LAG_ALLOWANCE_MS + 1);
    expect(shown(tally, history, "kit")).toBe(1);
  });

  it("treats a shrinking count (stats database reset) as no growth", () => {
    const tally = new LiveTally();
    tally.reconcile(counts({ kit: 50 }), t0);
    tally.add("e1", "kit", t0 + 1000);
    tally.reconcile(counts({ kit: 0 }), t0 + 10_000);
    expect(tally.pendingByKey()).toEqual(counts({ kit: 1 }));
  });

  it("holds live events for as long as no history arrives (stats down)", () => {
    const tally = new LiveTally();
    for (let n = 0; n < 5; n += 1) tally.add(`e${n}`, "kit", t0 + n * 60_000);
    expect(tally.pendingByKey()).toEqual(counts({ kit: 5 }));
  });
});
