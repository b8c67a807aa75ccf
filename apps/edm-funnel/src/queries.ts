import type { Db } from "@edm/postgres";
import type { FunnelResponse } from "@edm/schema";
import { conversionOf, funnelCounts, funnelHour, HOUR_MS, hourOf } from "./funnel";

interface HourRow {
  hour: Date;
  visited: number;
  viewed_product: number;
  added_to_cart: number;
  checked_out: number;
}

/**
 * The funnel of the sessions that started in the last `hours` hours (the current one included), counted from
 * funnel_sessions by the hour each session started: in all, and hour by hour.
 */
export async function readFunnel(db: Db, hours: number, now: number = Date.now()): Promise<FunnelResponse> {
  const since = hourOf(now) - (hours - 1) * HOUR_MS;
  const { rows } = await db.query<HourRow>(
    `select date_trunc('hour', started_at, 'UTC') as hour,
            count(*)::int as visited,
            count(*) filter (where depth >= 1)::int as viewed_product,
            count(*) filter (where depth >= 2)::int as added_to_cart,
            count(*) filter (where depth >= 3)::int as checked_out
     from funnel_sessions
     where started_at >= $1
     group by 1
     order by 1`,
    [new Date(since)],
  );
  const byHour = rows.map((row) =>
    funnelHour(
      row.hour.toISOString(),
      funnelCounts([row.visited, row.viewed_product, row.added_to_cart, row.checked_out]),
    ),
  );
  const sum = (pick: (counts: FunnelResponse["total"]["sessions"]) => number) =>
    byHour.reduce((total, hour) => total + pick(hour.sessions), 0);
  const sessions = {
    visited: sum((counts) => counts.visited),
    viewedProduct: sum((counts) => counts.viewedProduct),
    addedToCart: sum((counts) => counts.addedToCart),
    checkedOut: sum((counts) => counts.checkedOut),
  };
  return {
    hours,
    since: new Date(since).toISOString(),
    total: { sessions, conversion: conversionOf(sessions) },
    byHour,
  };
}
