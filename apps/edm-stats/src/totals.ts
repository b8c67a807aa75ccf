import type { Db } from "@edm/postgres";
import { TOPICS } from "@edm/schema";
import { qualified } from "./generation";

/** The headline numbers of one generation's tables, to compare two generations. */
export interface StatsTotals {
  /** Events counted, all topics (daily_events). */
  events: number;
  clicks: number;
  pageloads: number;
  /** Sum of click_counts: equals `clicks` unless a row was changed by hand. */
  buttonClicks: number;
  /** Sum of page_loads: equals `pageloads` unless a row was changed by hand. */
  pageLoads: number;
  /** Sessions within the session window. */
  sessions: number;
  /** Event keys remembered for deduplication (within DEDUPE_RETENTION). */
  eventKeys: number;
}

export async function readTotals(db: Db, schema: string): Promise<StatsTotals> {
  const table = (name: string) => qualified(schema, name);
  const { rows } = await db.query<Record<keyof StatsTotals, string>>(
    `select
       coalesce((select sum(events) from ${table("daily_events")}), 0)::text as "events",
       coalesce((select sum(events) from ${table("daily_events")} where topic = $1), 0)::text as "clicks",
       coalesce((select sum(events) from ${table("daily_events")} where topic = $2), 0)::text as "pageloads",
       coalesce((select sum(clicks) from ${table("click_counts")}), 0)::text as "buttonClicks",
       coalesce((select sum(loads) from ${table("page_loads")}), 0)::text as "pageLoads",
       (select count(*) from ${table("sessions")})::text as "sessions",
       ((select count(*) from ${table("processed_event_ids")})
         + (select count(*) from ${table("processed_events")}))::text as "eventKeys"`,
    [TOPICS.click, TOPICS.pageload],
  );
  const row = rows[0];
  if (!row) throw new Error(`no totals could be read from schema ${schema}`);
  return {
    events: Number(row.events),
    clicks: Number(row.clicks),
    pageloads: Number(row.pageloads),
    buttonClicks: Number(row.buttonClicks),
    pageLoads: Number(row.pageLoads),
    sessions: Number(row.sessions),
    eventKeys: Number(row.eventKeys),
  };
}
