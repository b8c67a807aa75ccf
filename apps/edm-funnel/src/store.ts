import { claimKeys, type Db, inTransaction, type StoreOutcome } from "@edm/postgres";
import { FUNNEL_STEPS, funnelDepth } from "@edm/schema";
import type pg from "pg";
import type { KeyedFunnelEvent } from "./decode";
import { mergeSessions, SESSION_GAP_MS, type Session, sessionsOf } from "./funnel";

/**
 * Adds a batch's events to the sessions exactly once, in ONE transaction: the events' keys go into
 * funnel_processed_events (ON CONFLICT DO NOTHING tells which were there already) and only the new events
 * change funnel_sessions. A redelivered batch finds its keys taken and changes nothing.
 *
 * The sessions stay those of all the events counted so far, whatever order they came in: the new events'
 * sessions are merged with the stored sessions of the same visitors that lie within 30 minutes of them
 * (mergeSessions), and those rows are replaced by the merged ones. A late event may so extend a session,
 * move its start to an earlier hour, or join two sessions into one.
 */
export async function storeFunnelBatch(db: Db, events: readonly KeyedFunnelEvent[]): Promise<StoreOutcome> {
  const unique = [...new Map(events.map((event) => [event.key, event])).values()];
  if (unique.length === 0) return { counted: 0, duplicates: 0 };
  return inTransaction(db, async (client) => {
    const taken = await claimKeys(
      client,
      { table: "funnel_processed_events", type: "text" },
      unique.map(({ key }) => key),
    );
    const toCount = unique.filter(({ key }) => !taken.has(key));
    if (toCount.length > 0) await addToSessions(client, sessionsOf(toCount));
    return { counted: toCount.length, duplicates: events.length - toCount.length };
  });
}

interface SessionRow {
  session_id: string;
  visitor: string;
  started_at: Date;
  ended_at: Date;
  depth: number;
}

async function addToSessions(client: pg.PoolClient, incoming: readonly Session[]): Promise<void> {
  const visitors = [...new Set(incoming.map((session) => session.visitor))].sort();
  // Batches from the two topics reach one visitor's sessions at once (another partition, another
  // member): they take turns per visitor, or each would merge without seeing the other's new row.
  await client.query(
    `select pg_advisory_xact_lock(lock_key)
     from (select hashtextextended(visitor, 0) as lock_key from unnest($1::text[]) as visitor order by 1) as keys`,
    [visitors],
  );
  const near = await client.query<SessionRow>(
    `select distinct s.session_id, s.visitor, s.started_at, s.ended_at, s.depth
     from funnel_sessions s
     join unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as i(visitor, reach_from, reach_to)
       on s.visitor = i.visitor and s.ended_at >= i.reach_from and s.started_at <= i.reach_to`,
    [
      incoming.map((session) => session.visitor),
      incoming.map((session) => new Date(session.start - SESSION_GAP_MS)),
      incoming.map((session) => new Date(session.end + SESSION_GAP_MS)),
    ],
  );
  const stored = near.rows.map(
    (row): Session => ({
      visitor: row.visitor,
      start: row.started_at.getTime(),
      end: row.ended_at.getTime(),
      deepest: FUNNEL_STEPS[row.depth] ?? "visited",
    }),
  );
  const merged = mergeSessions([...stored, ...incoming]);
  if (near.rows.length > 0) {
    await client.query("delete from funnel_sessions where session_id = any($1::bigint[])", [
      near.rows.map((row) => row.session_id),
    ]);
  }
  await client.query(
    `insert into funnel_sessions (visitor, started_at, ended_at, depth)
     select * from unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::smallint[])`,
    [
      merged.map((session) => session.visitor),
      merged.map((session) => new Date(session.start)),
      merged.map((session) => new Date(session.end)),
      merged.map((session) => funnelDepth(session.deepest)),
    ],
  );
}
