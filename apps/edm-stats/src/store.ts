import { claimKeys, type Db, inTransaction, type KeyTable, type StoreOutcome } from "@edm/postgres";
import type pg from "pg";
import { type Aggregates, aggregate, uniqueByKey } from "./aggregate";
import { type CountableEvent, isPlaceKey } from "./decode";
import { BUTTON_KEYS, keepWithinKeyCap, PAGE_KEYS } from "./key-cap";

/** Event ids, as uuid: nearly every key. */
const EVENT_IDS: KeyTable = { table: "processed_event_ids", type: "uuid" };
/** Places in Kafka of records without an id ("kafka:<topic>:<partition>:<offset>"). */
const PLACES: KeyTable = { table: "processed_events", type: "text" };

/**
 * Counts a batch's events exactly once, in ONE transaction: the batch's keys go into processed_event_ids
 * and processed_events (ON CONFLICT DO NOTHING tells which were there already), and only the new events are added to the
 * aggregates. If the process dies after this commits but before Kafka hears about it, the redelivered
 * events find their keys taken and add nothing. Two instances handling the same records at once (during a
 * rebalance) serialise on the keys' unique index: the second waits, then finds them taken.
 *
 * A fixed number of statements per batch, whatever its size: no round trip per event.
 */
export async function storeBatch(db: Db, events: readonly CountableEvent[]): Promise<StoreOutcome> {
  const unique = uniqueByKey(events);
  if (unique.length === 0) return { counted: 0, duplicates: 0 };
  return inTransaction(db, async (client) => {
    const taken = await claimEventKeys(client, unique);
    const toCount = taken.size === 0 ? unique : unique.filter(({ key }) => !taken.has(key));
    if (toCount.length > 0) await addToAggregates(client, aggregate(toCount));
    return { counted: toCount.length, duplicates: events.length - toCount.length };
  });
}

/** Claims the events' keys, ids and places each in their table; returns those taken before. */
async function claimEventKeys(
  client: pg.PoolClient,
  events: readonly CountableEvent[],
): Promise<ReadonlySet<string>> {
  const ids: string[] = [];
  const places: string[] = [];
  for (const { key } of events) (isPlaceKey(key) ? places : ids).push(key);
  const takenIds = await claimKeys(client, EVENT_IDS, ids);
  const takenPlaces = await claimKeys(client, PLACES, places);
  if (takenPlaces.size === 0) return takenIds;
  return new Set([...takenIds, ...takenPlaces]);
}

async function addToAggregates(client: pg.PoolClient, rows: Aggregates): Promise<void> {
  const { eventsByDay, eventsByMinute, sessions } = rows;
  // Sessions first: every batch updates the same few counter rows (a button, today, this minute), and a
  // batch waits for another's lock on them until that one commits; the longer work goes before them.
  await client.query(
    `insert into sessions (session_id, first_seen_at)
     select * from unnest($1::text[], $2::timestamptz[])
     on conflict (session_id) do nothing`,
    [sessions.map((row) => row.sessionId), sessions.map((row) => row.firstSeenAt)],
  );
  const clicksByButton = await keepWithinKeyCap(client, BUTTON_KEYS, rows.clicksByButton);
  if (clicksByButton.length > 0) {
    await client.query(
      `insert into click_counts as c (button_id, clicks)
       select * from unnest($1::text[], $2::bigint[])
       on conflict (button_id) do update set clicks = c.clicks + excluded.clicks`,
      [clicksByButton.map((row) => row.buttonId), clicksByButton.map((row) => row.clicks)],
    );
  }
  await client.query(
    `insert into daily_events as d (topic, day, events)
     select * from unnest($1::text[], $2::date[], $3::bigint[])
     on conflict (topic, day) do update set events = d.events + excluded.events`,
    [
      eventsByDay.map((row) => row.topic),
      eventsByDay.map((row) => row.day),
      eventsByDay.map((row) => row.events),
    ],
  );
  await client.query(
    `insert into minute_events as m (minute, topic, events)
     select * from unnest($1::timestamptz[], $2::text[], $3::bigint[])
     on conflict (minute, topic) do update set events = m.events + excluded.events`,
    [
      eventsByMinute.map((row) => row.minute),
      eventsByMinute.map((row) => row.topic),
      eventsByMinute.map((row) => row.events),
    ],
  );
  const loadsByPage = await keepWithinKeyCap(client, PAGE_KEYS, rows.loadsByPage);
  if (loadsByPage.length > 0) {
    await client.query(
      `insert into page_loads as p (page, loads)
       select * from unnest($1::text[], $2::bigint[])
       on conflict (page) do update set loads = p.loads + excluded.loads`,
      [loadsByPage.map((row) => row.page), loadsByPage.map((row) => row.loads)],
    );
  }
}
