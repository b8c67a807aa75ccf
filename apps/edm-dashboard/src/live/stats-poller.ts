import { loadStatsHistory, type StatsHistory } from "../logic/stats-history";

/** How often the history is fetched again while stats answers. */
export const REFRESH_MS = 10_000;

/** Waits after failed refreshes, quick at first so a restarted stats shows up fast; then REFRESH_MS. */
const RETRY_MS = [1000, 2000, 5000];

export interface HistorySink {
  historyLoaded(history: StatsHistory, requestedAt: number): void;
  historyFailed(problem: string): void;
}

export interface StatsPoller {
  /** Refreshes now (e.g. the stream reconnected and may have missed events); coalesced with one running. */
  refreshNow(): void;
  stop(): void;
}

export interface StatsPollerOptions {
  statsUrl: string;
  sink: HistorySink;
  refreshMs?: number;
  load?: typeof loadStatsHistory;
}

export function startStatsPoller({
  statsUrl,
  sink,
  refreshMs = REFRESH_MS,
  load = loadStatsHistory,
}: StatsPollerOptions): StatsPoller {
  const aborter = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let wanted = false;
  let failures = 0;

  const refresh = async (): Promise<void> => {
    if (aborter.signal.aborted) return;
    if (running) {
      wanted = true;
      return;
    }
    clearTimeout(timer);
    running = true;
    const requestedAt = Date.now();
    try {
      const history = await load(statsUrl, { signal: aborter.signal });
      failures = 0;
      if (!aborter.signal.aborted) sink.historyLoaded(history, requestedAt);
    } catch (error) {
      failures += 1;
      if (!aborter.signal.aborted) sink.historyFailed(error instanceof Error ? error.message : String(error));
    } finally {
      running = false;
    }
    if (aborter.signal.aborted) return;
    if (wanted) {
      wanted = false;
      return refresh();
    }
    const wait = failures === 0 ? refreshMs : (RETRY_MS[failures - 1] ?? refreshMs);
    timer = setTimeout(() => void refresh(), wait);
  };

  void refresh();
  return {
    refreshNow: () => void refresh(),
    stop: () => {
      aborter.abort();
      clearTimeout(timer);
    },
  };
}
