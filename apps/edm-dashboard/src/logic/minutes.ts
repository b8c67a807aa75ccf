import { type MinuteCounts, SUMMARY_MINUTES } from "@edm/schema";

const MINUTE_MS = 60_000;

export interface MinutePoint {
  /** Start of the minute, ms since 1970. */
  at: number;
  clicks: number;
  pageloads: number;
}

/**
 * The summary's per-minute series as exactly `minutes` consecutive minutes, oldest first, a missing
 * minute as zeros. edm-stats already sends it complete; this keeps the chart's axis regular if it ever
 * does not (an older stats, a gap). The series ends at the newest minute stats sent rather than at this
 * browser's clock, so a browser whose clock is off still lines up with the data.
 */
export function fillMinutes(
  perMinute: readonly MinuteCounts[],
  nowMs: number,
  minutes = SUMMARY_MINUTES,
): MinutePoint[] {
  const byMinute = new Map<number, MinuteCounts>();
  for (const entry of perMinute) {
    const at = Date.parse(entry.minute);
    if (Number.isFinite(at) && at % MINUTE_MS === 0) byMinute.set(at, entry);
  }
  const newest = byMinute.size > 0 ? Math.max(...byMinute.keys()) : Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const points: MinutePoint[] = [];
  for (let index = minutes - 1; index >= 0; index -= 1) {
    const at = newest - index * MINUTE_MS;
    const entry = byMinute.get(at);
    points.push({ at, clicks: entry?.clicks ?? 0, pageloads: entry?.pageloads ?? 0 });
  }
  return points;
}
