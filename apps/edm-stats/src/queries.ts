import type { Db } from "@edm/postgres";
import {
  type ClickCountsResponse,
  type ClickHistoryResponse,
  type PageloadCountsResponse,
  type StatsSummary,
  TOPICS,
} from "@edm/schema";
import { type MinuteRow, perMinuteSeries, seriesStart } from "./per-minute";

/** The read side. Lists are bounded: `limit` rows at most, chosen as each method says. */
export interface StatsQueries {
  /** The `limit` most clicked buttons, most clicked first (ties by button id). */
  clickCounts(limit: number): Promise<ClickCountsResponse>;
  /** The last `limit` days with clicks, oldest first. */
  clickHistory(limit: number): Promise<ClickHistoryResponse>;
  /** The `limit` most loaded pages, most loaded first (ties by page). */
  pageloadCounts(limit: number): Promise<PageloadCountsResponse>;
  summary(): Promise<StatsSummary>;
}

// Counts are bigint in Postgres; node-postgres hands bigint over as text. The original routes keep it as
// text (the original dashboard expects strings); the new ones convert to numbers, exact up to 2^53.

export function createQueries(db: Db, now: () => number = Date.now): StatsQueries {
  return {
    async clickCounts(limit) {
      const { rows } = await db.query<{ button_id: string; sum: string }>(
        "select button_id, clicks::text as sum from click_counts order by clicks desc, button_id limit $1",
        [limit],
      );
      return rows.map((row) => ({ button_id: row.button_id, sum: String(row.sum) }));
    },

    async clickHistory(limit) {
      // to_char, not a date column: pg turns a date into a JS Date at LOCAL midnight, a day off west of UTC.
      const { rows } = await db.query<{ day: string; clicks: string }>(
        `select * from (
           select to_char(day, 'YYYY-MM-DD') as day, events::text as clicks
           from daily_events where topic = $1 order by day desc limit $2
         ) as latest order by day`,
        [TOPICS.click, limit],
      );
      return rows.map((row) => ({ Day: `${row.day}T00:00:00.000Z`, clicks: String(row.clicks) }));
    },

    async pageloadCounts(limit) {
      const { rows } = await db.query<{ page: string; loads: string }>(
        "select page, loads from page_loads order by loads desc, page limit $1",
        [limit],
      );
      return rows.map((row) => ({ page: row.page, loads: Number(row.loads) }));
    },

    async summary() {
      const at = now();
      const totals = await db.query<{ clicks: string; pageloads: string; sessions: string }>(
        `select
           coalesce((select sum(events) from daily_events where topic = $1), 0)::text as clicks,
           coalesce((select sum(events) from daily_events where topic = $2), 0)::text as pageloads,
           (select count(*) from sessions)::text as sessions`,
        [TOPICS.click, TOPICS.pageload],
      );
      const minutes = await db.query<{ minute: Date; topic: string; events: string }>(
        "select minute, topic, events from minute_events where minute >= $1 and minute <= $2",
        [seriesStart(at), new Date(at)],
      );
      const row = totals.rows[0];
      const minuteRows: MinuteRow[] = minutes.rows.map((entry) => ({
        minute: entry.minute,
        topic: entry.topic,
        events: Number(entry.events),
      }));
      return {
        totals: {
          clicks: Number(row?.clicks ?? 0),
          pageloads: Number(row?.pageloads ?? 0),
          sessions: Number(row?.sessions ?? 0),
        },
        perMinute: perMinuteSeries(minuteRows, at),
      };
    },
  };
}
