import { type FieldError, formatPath } from "@edm/schema";
import { z } from "zod";

/** How many rows a list route answers with: `fallback` unless `?limit=` asks for another number up to `max`. */
export interface ListLimit {
  fallback: number;
  max: number;
}

/** The bounded lists of the API; README "edm-stats" documents the same numbers. */
export const LIST_LIMITS = {
  clickCount: { fallback: 100, max: 1_000 },
  pageloadCount: { fallback: 100, max: 1_000 },
  /** Days, the most recent ones: a year by default, ten at most. */
  clickHistory: { fallback: 365, max: 3_650 },
} as const satisfies Record<string, ListLimit>;

export type ParsedLimit = { ok: true; limit: number } | { ok: false; errors: FieldError[] };

/**
 * Reads `limit` from a request's query. Other parameters are ignored (a cache-busting `?_=…` is common);
 * a repeated `limit`, a fraction, or a number out of range is refused, naming the accepted range.
 */
export function parseLimit(query: unknown, { fallback, max }: ListLimit): ParsedLimit {
  const message = `must be a whole number from 1 to ${max}`;
  const schema = z.object({
    limit: z
      .string({ error: message })
      .regex(/^\d{1,9}$/, { error: message })
      .transform(Number)
      .pipe(z.number().min(1, { error: message }).max(max, { error: message }))
      .optional(),
  });
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return { ok: true, limit: parsed.data.limit ?? fallback };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}
