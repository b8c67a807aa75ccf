import { z } from "zod";

// Response bodies of the stats HTTP API, shared by edm-stats (which sends them) and edm-dashboard (which
// reads them). Field names and types are the original's: counts are TEXT because Postgres returns
// SUM/COUNT as bigint, node-postgres passes bigint through as a string, and the original dashboard
// was written against that.

const countText = z.string().regex(/^\d+$/, { error: 'must be a count written as digits, e.g. "42"' });

/** One row of GET clicks per button: how many times `button_id` was clicked. */
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

export type ClickCount = z.output<typeof ClickCountSchema>;
export type ClickHistoryDay = z.output<typeof ClickHistoryDaySchema>;
export type ClickCountsResponse = z.output<typeof ClickCountsResponseSchema>;
export type ClickHistoryResponse = z.output<typeof ClickHistoryResponseSchema>;
