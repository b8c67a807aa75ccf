import { type MinuteCounts, SUMMARY_MINUTES, TOPICS } from "@edm/schema";

const MINUTE_MS = 60_000;

/** A stored per-minute count: `minute` is the minute's start. */
export interface MinuteRow {
  minute: Date;
  topic: string;
  events: number;
}

/** Start of the oldest minute in the series ending with the minute that holds `now`. */
export function seriesStart(now: number, minutes = SUMMARY_MINUTES): Date {
  return new Date((Math.floor(now / MINUTE_MS) - (minutes - 1)) * MINUTE_MS);
}

/**
 * The last `minutes` minutes up to and including the current one, oldest first, every minute present:
 * a minute without events is a zero, so a chart's x axis is regular without client-side filling.
 */
export function perMinuteSeries(
  rows: readonly MinuteRow[],
  now: number,
  minutes = SUMMARY_MINUTES,
): MinuteCounts[] {
  const start = seriesStart(now, minutes).getTime();
  const series: MinuteCounts[] = Array.from({ length: minutes }, (_, index) => ({
    minute: new Date(start + index * MINUTE_MS).toISOString(),
    clicks: 0,
    pageloads: 0,
  }));
  for (const row of rows) {
    const slot = series[(row.minute.getTime() - start) / MINUTE_MS];
    if (!slot) continue; // outside the window, or not on a minute boundary
    if (row.topic === TOPICS.click) slot.clicks += row.events;
    else if (row.topic === TOPICS.pageload) slot.pageloads += row.events;
  }
  return series;
}
