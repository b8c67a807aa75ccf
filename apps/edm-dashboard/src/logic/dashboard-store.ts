import { LOG_CAPACITY, prependBounded } from "./bounded-log";
import type {
  ButtonRow,
  ConnectionState,
  DashboardView,
  LogEntry,
  PageRow,
  Phase,
  StatsConnection,
  StreamConnection,
} from "./dashboard-view";
import { clicksPerDay } from "./days";
import { readLiveEvent } from "./live-event";
import { LiveTally } from "./live-tally";
import { fillMinutes } from "./minutes";
import { RecentIds } from "./recent-ids";
import { SecondBuckets } from "./seconds";
import type { StatsHistory } from "./stats-history";

/**
 * The dashboard's state: the last stats history, the live events since the page opened, and both
 * connections. No I/O and an injected clock, so it is tested directly; the React side feeds it and
 * renders `view()`. Mutable on purpose: a busy shop can push hundreds of events a second, and copying
 * every structure per event would only make garbage.
 */
export class DashboardStore {
  private history: StatsHistory | undefined;
  private stats: StatsConnection = { state: "connecting" };
  private stream: StreamConnection = { state: "connecting" };
  private readonly pendingClicks = new LiveTally();
  private readonly pendingLoads = new LiveTally();
  private readonly liveClicks = new Map<string, number>();
  private readonly liveLoads = new Map<string, number>();
  private readonly seconds = new SecondBuckets();
  private readonly recentIds = new RecentIds();
  private log: LogEntry[] = [];
  private localIds = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly clock: () => number = Date.now) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An event pushed by edm-stream; anything unreadable or already seen is ignored. */
  receive(payload: unknown): void {
    const event = readLiveEvent(payload);
    if (!event) return;
    if (event.id !== undefined && !this.recentIds.remember(event.id)) return;
    const now = this.clock();
    this.localIds += 1;
    const key = event.id ?? `local-${this.localIds}`;
    const [pending, live] =
      event.kind === "click" ? [this.pendingClicks, this.liveClicks] : [this.pendingLoads, this.liveLoads];
    pending.add(key, event.key, now);
    live.set(event.key, (live.get(event.key) ?? 0) + 1);
    this.seconds.record(event.kind, now);
    this.log = prependBounded(
      this.log,
      {
        key,
        kind: event.kind,
        subject: event.key,
        description: event.description,
        session: event.session,
        receivedAt: now,
      },
      LOG_CAPACITY,
    );
    this.changed();
  }

  /** A successful refresh of the history, whose requests were sent at `requestedAt`. */
  historyLoaded(history: StatsHistory, requestedAt: number): void {
    this.history = history;
    this.pendingClicks.reconcile(history.clicksByButton, requestedAt);
    this.pendingLoads.reconcile(history.pageloadsByPage, requestedAt);
    this.stats = { state: "connected", updatedAt: this.clock() };
    this.changed();
  }

  /** A failed refresh: the history on screen stays, marked as out of date. */
  historyFailed(problem: string): void {
    this.stats = { ...this.stats, state: "reconnecting", problem };
    this.changed();
  }

  streamStateChanged(state: ConnectionState): void {
    if (state === this.stream.state && this.stream.problem === undefined) return;
    this.stream = { state };
    this.changed();
  }

  /** edm-stream refused this dashboard (it is full); the connection tries again at `retryAt`. */
  streamRefused(problem: string, retryAt: number): void {
    this.stream = { state: "full", problem, retryAt };
    this.changed();
  }

  view(): DashboardView {
    const now = this.clock();
    const history = this.history;
    const pendingClicks = this.pendingClicks.pendingByKey();
    const pendingLoads = this.pendingLoads.pendingByKey();
    const live = { clicks: sum(this.liveClicks), pageloads: sum(this.liveLoads) };
    const totals = history
      ? {
          clicks: history.summary.totals.clicks + this.pendingClicks.pendingCount,
          pageloads: history.summary.totals.pageloads + this.pendingLoads.pendingCount,
          sessions: history.summary.totals.sessions,
        }
      : { clicks: undefined, pageloads: undefined, sessions: undefined };
    return {
      phase: this.phase(live.clicks + live.pageloads),
      stream: this.stream,
      stats: this.stats,
      totals,
      live,
      buttons: merge(history?.clicksByButton, pendingClicks, this.liveClicks).map(
        ({ key, total, live: liveCount }): ButtonRow => ({ buttonId: key, total, live: liveCount }),
      ),
      pages: merge(history?.pageloadsByPage, pendingLoads, this.liveLoads).map(
        ({ key, total, live: liveCount }): PageRow => ({ page: key, loads: total, live: liveCount }),
      ),
      days: clicksPerDay(history?.clickDays ?? [], now, this.pendingClicks.pendingCount),
      perSecond: this.seconds.series(now),
      lastHour: fillMinutes(history?.summary.perMinute ?? [], now),
      log: this.log,
    };
  }

  private phase(liveEvents: number): Phase {
    if (liveEvents > 0) return "data";
    const history = this.history;
    if (history) {
      const { clicks, pageloads } = history.summary.totals;
      return clicks + pageloads > 0 || history.clicksByButton.size > 0 ? "data" : "empty";
    }
    // Stats has never answered: wait for its first try, then stop waiting and show how to get data.
    return this.stats.state === "connecting" ? "loading" : "empty";
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

interface MergedRow {
  key: string;
  total: number | undefined;
  live: number;
}

/** One row per key seen in the history or live, biggest total first (live count, then name, on ties). */
function merge(
  history: ReadonlyMap<string, number> | undefined,
  pending: ReadonlyMap<string, number>,
  live: ReadonlyMap<string, number>,
): MergedRow[] {
  const keys = new Set([...(history?.keys() ?? []), ...pending.keys(), ...live.keys()]);
  const rows = [...keys].map((key) => ({
    key,
    total: history ? (history.get(key) ?? 0) + (pending.get(key) ?? 0) : undefined,
    live: live.get(key) ?? 0,
  }));
  return rows.sort(
    (a, b) => (b.total ?? 0) - (a.total ?? 0) || b.live - a.live || a.key.localeCompare(b.key),
  );
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
