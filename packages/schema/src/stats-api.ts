import { z } from "zod";

// Response bodies of the stats HTTP API, shared by edm-stats (which sends them) and edm-dashboard (which
// reads them).
//
// The two original routes keep the original's field names and types: counts are TEXT because Postgres
// returns SUM/COUNT as bigint, node-postgres passes bigint through as a string, and the original dashboard
// was written against that. The routes the original lacked use plain JSON numbers.

/** Paths of the stats API, so the dashboard and the service cannot drift apart. */
export const STATS_API_PATHS = {
  clickCount: "/api/clickCount",
  clickHistory: "/api/clickHistory",
  pageloadCount: "/api/pageloadCount",
  summary: "/api/summary",
} as const;

/** Length of the per-minute series in the summary: the last hour, the current minute included. */
export const SUMMARY_MINUTES = 60;

const countText = z.string().regex(/^\d+$/, { error: 'must be a count written as digits, e.g. "42"' });
const count = z.number().int().nonnegative();

/** One row of GET /api/clickCount: how many times `button_id` was clicked. */
export const ClickCountSchema = z.object({
  button_id: z.string(),
  sum: countText,
});

/** One row of the click history: clicks on the day that starts at `Day` (an ISO 8601 timestamp). */
export const ClickHistoryDaySchema = z.object({
  // Accepts a date or a full timestamp with any offset: Postgres day buckets serialise as either,
  // depending on the column type, and both name the same day for the dashboard.
  Day: z.union([z.iso.datetime({ offset: true }), z.iso.date()]),
  clicks: countText,
});

export const ClickCountsResponseSchema = z.array(ClickCountSchema);
export const ClickHistoryResponseSchema = z.array(ClickHistoryDaySchema);

/** One row of GET /api/pageloadCount: page loads of one page, named by its URL path ("/", "/menu"). */
export const PageloadCountSchema = z.object({
  page: z.string(),
  loads: count,
});

export const PageloadCountsResponseSchema = z.array(PageloadCountSchema);

/** Events in the minute that starts at `minute` (ISO 8601, UTC). */
export const MinuteCountsSchema = z.object({
  minute: z.iso.datetime(),
  clicks: count,
  pageloads: count,
});

/** GET /api/summary: all-time totals and the last hour minute by minute (minutes with nothing are 0). */
export const StatsSummarySchema = z.object({
  totals: z.object({
    clicks: count,
    pageloads: count,
    /** Distinct session ids (`uuid` on the wire) whose first event lies in edm-stats's session window (30 days). */
    sessions: count,
  }),
  /** SUMMARY_MINUTES entries, oldest first, the last one being the current (partial) minute. */
  perMinute: z.array(MinuteCountsSchema),
});

export type ClickCount = z.output<typeof ClickCountSchema>;
export type ClickHistoryDay = z.output<typeof ClickHistoryDaySchema>;
export type ClickCountsResponse = z.output<typeof ClickCountsResponseSchema>;
export type ClickHistoryResponse = z.output<typeof ClickHistoryResponseSchema>;
export type PageloadCount = z.output<typeof PageloadCountSchema>;
export type PageloadCountsResponse = z.output<typeof PageloadCountsResponseSchema>;
export type MinuteCounts = z.output<typeof MinuteCountsSchema>;
export type StatsSummary = z.output<typeof StatsSummarySchema>;
