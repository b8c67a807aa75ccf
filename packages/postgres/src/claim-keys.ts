import pg from "pg";

/** A table of dedupe keys: its primary key is `event_key`, of this type. */
export interface KeyTable {
  table: string;
  type: "text" | "uuid";
}

/**
 * Claims dedupe keys inside the caller's transaction and returns those that were taken already (an event
 * stored before: a redelivery, a producer retry); the others are new, claimed now. Keys are claimed in
 * sorted order, so concurrent batches with overlapping keys queue on the unique index instead of
 * deadlocking; the second waits for the first to commit, then finds the keys taken. A uuid key must be
 * written in lowercase, as PostgreSQL writes it back, so that both sort alike.
 *
 * The server answers with the taken keys only: nearly always none, where returning the claimed ones sent
 * every key of the batch back (a profile of a backlog's drain found that reply among the costs).
 */
export async function claimKeys(
  client: pg.ClientBase,
  { table, type }: KeyTable,
  keys: readonly string[],
): Promise<ReadonlySet<string>> {
  if (keys.length === 0) return new Set();
  const arrayType = type === "uuid" ? "uuid[]" : "text[]";
  const taken = await client.query<{ event_key: string }>(
    `with claimed as (
       insert into ${pg.escapeIdentifier(table)} (event_key)
       select unnest($1::${arrayType})
       on conflict do nothing
       returning event_key
     )
     select event_key::text from (
       select unnest($1::${arrayType}) as event_key
       except
       select event_key from claimed
     ) as taken`,
    [[...keys].sort()],
  );
  return new Set(taken.rows.map((row) => row.event_key));
}
