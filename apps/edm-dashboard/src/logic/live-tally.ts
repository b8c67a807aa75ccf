/**
 * How long a live event may stay "not yet counted by stats" at most. Past this (measured when a refresh
 * is requested), it is assumed to be in the history. It bounds every miscount below to about this long.
 */
export const STATS_LAG_ALLOWANCE_MS = 30_000;

interface PendingEvent {
  key: string;
  receivedAt: number;
}

/**
 * Live events that edm-stats has probably not counted yet, per key (a button id, a page path). The
 * dashboard shows `history + pending`, so a number moves the moment an event arrives over the stream,
 * and must not count it twice once a refresh of the history includes it.
 *
 * The stats API says how many events it has counted, not which, and it reads Kafka in its own consumer
 * group, so it can be ahead of the stream or (usually) a little behind. Two rules retire pending events:
 *
 * 1. Growth. When a refresh shows a key's count grew by n since the previous refresh, stats counted n
 *    more events for it, and the n oldest pending events of that key are retired (stats reads in order,
 *    so the oldest are the likeliest counted). Growth from events this page never saw live (sent while
 *    the socket was down) may retire one too early: the number then lags the truth until stats counts
 *    it; it never runs ahead of the truth on this account.
 * 2. Age. An event pending for longer than STATS_LAG_ALLOWANCE_MS when a refresh was requested is
 *    retired. This covers what growth cannot see: events that arrived before the first history answer
 *    (which may or may not include them) and events stats counted before the stream delivered them. In
 *    both the total runs ahead of the truth, by those few events, for at most the allowance plus one
 *    refresh interval.
 *
 * Pending events are held by event id, so an event delivered twice is pending once.
 */
export class LiveTally {
  /** By event id; a Map iterates in insertion order, which is arrival order. */
  private readonly pending = new Map<string, PendingEvent>();
  private previousCounts: ReadonlyMap<string, number> | undefined;

  constructor(private readonly lagAllowanceMs = STATS_LAG_ALLOWANCE_MS) {}

  /** Adds a live event; false if that id is already pending. */
  add(eventId: string, key: string, receivedAt: number): boolean {
    if (this.pending.has(eventId)) return false;
    this.pending.set(eventId, { key, receivedAt });
    return true;
  }

  /** Takes a fresh history answer, whose request was sent at `requestedAt`. */
  reconcile(counts: ReadonlyMap<string, number>, requestedAt: number): void {
    const previous = this.previousCounts;
    if (previous) {
      const growth = new Map<string, number>();
      for (const [key, count] of counts) {
        const grown = count - (previous.get(key) ?? 0);
        if (grown > 0) growth.set(key, grown);
      }
      for (const [id, event] of this.pending) {
        const left = growth.get(event.key) ?? 0;
        if (left === 0) continue;
        this.pending.delete(id);
        growth.set(event.key, left - 1);
      }
    }
    for (const [id, event] of this.pending) {
      if (event.receivedAt < requestedAt - this.lagAllowanceMs) this.pending.delete(id);
    }
    this.previousCounts = counts;
  }

  /** Pending (not yet counted) events per key. */
  pendingByKey(): Map<string, number> {
    const byKey = new Map<string, number>();
    for (const { key } of this.pending.values()) byKey.set(key, (byKey.get(key) ?? 0) + 1);
    return byKey;
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
