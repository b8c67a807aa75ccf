import { z } from "zod";

// GET /api/funnel, shared by edm-funnel (which sends it) and edm-dashboard (which reads it).

export const FUNNEL_API_PATH = "/api/funnel";

/** The window the funnel covers by default, and at most (a week: sessions are kept longer than that). */
export const DEFAULT_FUNNEL_HOURS = 24;
export const MAX_FUNNEL_HOURS = 168;

/** The query string: `hours`, whole hours back from the current one (which counts as one). */
export const FunnelQuerySchema = z.object({
  hours: z.coerce
    .number({ error: "must be a whole number of hours" })
    .int({ error: "must be a whole number of hours" })
    .min(1, { error: "must be at least 1" })
    .max(MAX_FUNNEL_HOURS, { error: `must be at most ${MAX_FUNNEL_HOURS}` })
    .default(DEFAULT_FUNNEL_HOURS),
});

const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);

/** Sessions that reached at least each step (FUNNEL_STEPS' order): never more at a later step. */
export const FunnelCountsSchema = z.object({
  visited: count,
  viewedProduct: count,
  addedToCart: count,
  checkedOut: count,
});

/** Of the sessions at one step, the share that reached the next (0 when none were at the step). */
export const FunnelConversionSchema = z.object({
  viewedProduct: rate,
  addedToCart: rate,
  checkedOut: rate,
});

/** The sessions that started in the hour beginning at `hour` (ISO 8601, UTC). */
export const FunnelHourSchema = z.object({
  hour: z.iso.datetime(),
  sessions: FunnelCountsSchema,
  conversion: FunnelConversionSchema,
});

/** GET /api/funnel: the sessions started in the last `hours` hours, in all and hour by hour (oldest first). */
export const FunnelResponseSchema = z.object({
  hours: count,
  /** Start of the first hour covered. */
  since: z.iso.datetime(),
  total: z.object({ sessions: FunnelCountsSchema, conversion: FunnelConversionSchema }),
  /** Only the hours in which a session started. */
  byHour: z.array(FunnelHourSchema),
});

export type FunnelQuery = z.output<typeof FunnelQuerySchema>;
export type FunnelCounts = z.output<typeof FunnelCountsSchema>;
export type FunnelConversion = z.output<typeof FunnelConversionSchema>;
export type FunnelHour = z.output<typeof FunnelHourSchema>;
export type FunnelResponse = z.output<typeof FunnelResponseSchema>;
