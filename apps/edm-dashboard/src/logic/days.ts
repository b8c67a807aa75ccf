/** How many days the clicks-per-day chart shows. */
export const DAYS_WINDOW = 30;

const DAY_MS = 86_400_000;

export interface DayClicks {
  /** A UTC calendar day, "2026-01-15": edm-stats counts days in UTC. */
  day: string;
  clicks: number;
}

/** The calendar day an ISO timestamp or date names, as written ("2018-11-09T00:00:00.000Z" → "2018-11-09"). */
export function dayOf(isoDayOrTimestamp: string): string {
  return isoDayOrTimestamp.slice(0, 10);
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Clicks for each of the last `days` days, oldest first, a day without clicks as zero so quiet days
 * show as gaps rather than vanishing. The window ends today (UTC), or on the newest day stats has if
 * that is later (a browser clock behind). `liveToday` (live clicks not yet in the history) is added to
 * the last day so today's bar moves with the stream.
 */
export function clicksPerDay(
  history: readonly DayClicks[],
  nowMs: number,
  liveToday = 0,
  days = DAYS_WINDOW,
): DayClicks[] {
  const byDay = new Map<string, number>();
  for (const { day, clicks } of history) byDay.set(day, (byDay.get(day) ?? 0) + clicks);
  const today = utcDay(nowMs);
  // ISO dates sort as text.
  const newest = [today, ...byDay.keys()].sort().at(-1) ?? today;
  const newestMs = Date.parse(`${newest}T00:00:00.000Z`);
  const series: DayClicks[] = [];
  for (let index = days - 1; index >= 0; index -= 1) {
    const day = utcDay(newestMs - index * DAY_MS);
    series.push({ day, clicks: byDay.get(day) ?? 0 });
  }
  const last = series.at(-1);
  if (last) last.clicks += liveToday;
  return series;
}
