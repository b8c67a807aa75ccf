import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StatsHistory } from "../logic/stats-history";
import { startStatsPoller } from "./stats-poller";

const history = {
  summary: { totals: { clicks: 0, pageloads: 0, sessions: 0 }, perMinute: [] },
} as unknown as StatsHistory;

function recordingSink() {
  const calls: string[] = [];
  return {
    calls,
    historyLoaded: () => calls.push("loaded"),
    historyFailed: (problem: string) => calls.push(`failed: ${problem}`),
  };
}

describe("startStatsPoller", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("loads at once, then every refresh interval", async () => {
    const sink = recordingSink();
    const load = vi.fn(async () => history);
    const poller = startStatsPoller({ statsUrl: "http://stats.test", sink, load, refreshMs: 10_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.calls).toEqual(["loaded"]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it("retries sooner after a failure, and reports the reason", async () => {
    const sink = recordingSink();
    const load = vi
      .fn()
      .mockRejectedValueOnce(new Error("edm-stats is unreachable"))
      .mockResolvedValue(history);
    const poller = startStatsPoller({ statsUrl: "http://stats.test", sink, load, refreshMs: 10_000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sink.calls).toEqual(["failed: edm-stats is unreachable", "loaded"]);
    poller.stop();
  });

  it("coalesces a refresh asked for while one is running into one more", async () => {
    const sink = recordingSink();
    let finish: (() => void) | undefined;
    const load = vi.fn(() => new Promise<StatsHistory>((resolve) => (finish = () => resolve(history))));
    const poller = startStatsPoller({ statsUrl: "http://stats.test", sink, load });
    poller.refreshNow();
    poller.refreshNow();
    expect(load).toHaveBeenCalledTimes(1);
    finish?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it("reports nothing and schedules nothing once stopped", async () => {
    const sink = recordingSink();
    const load = vi.fn(async () => history);
    const poller = startStatsPoller({ statsUrl: "http://stats.test", sink, load });
    poller.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sink.calls).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
