import { addKind, type EventKind, emptyCounts, type KindCounts } from "./event-kind";

/** How far back the events-per-second chart reaches. */
export const SECONDS_WINDOW = 60;

export interface SecondPoint extends KindCounts {
  /** Start of the second, in ms since 1970 (dashboard clock). */
  at: number;
  /** 0 for the current (still filling) second, up to window - 1 for the oldest. */
  secondsAgo: number;
}

/**
 * Events per whole second over a sliding window. Events are bucketed by when the dashboard received
 * them, not by their `event_timestamp`: that timestamp comes from the visitor's clock, and a shop
 * machine a minute off would push every event outside the window. What this shows is the rate the
 * pipeline delivers, which is the live signal a dashboard watcher wants.
 */
export class SecondBuckets {
  private readonly counts = new Map<number, KindCounts>();

  constructor(private readonly windowSeconds = SECONDS_WINDOW) {}

  record(kind: EventKind, receivedAtMs: number): void {
    const second = Math.floor(receivedAtMs / 1000);
    let bucket = this.counts.get(second);
    if (!bucket) {
      bucket = emptyCounts();
      this.counts.set(second, bucket);
      this.forgetBefore(second - this.windowSeconds + 1);
    }
    addKind(bucket, kind);
  }

  /** One point per second, oldest first, seconds without events as zeros; always `windowSeconds` long. */
  series(nowMs: number): SecondPoint[] {
    const current = Math.floor(nowMs / 1000);
    this.forgetBefore(current - this.windowSeconds + 1);
    const points: SecondPoint[] = [];
    for (let secondsAgo = this.windowSeconds - 1; secondsAgo >= 0; secondsAgo -= 1) {
      const second = current - secondsAgo;
      const counts = this.counts.get(second) ?? emptyCounts();
      points.push({ at: second * 1000, secondsAgo, clicks: counts.clicks, pageloads: counts.pageloads });
    }
    return points;
  }

  private forgetBefore(oldestKept: number): void {
    for (const second of this.counts.keys()) {
      if (second < oldestKept) this.counts.delete(second);
    }
  }
}
