import pg from "pg";

/**
 * Claims dedupe keys inside the caller's transaction and returns those that are new: a key already in
 * `table` (an event stored before: a redelivery, a producer retry) is not returned. Keys are claimed in
 * sorted order, so concurrent batches with overlapping keys queue on the unique index instead of
 * deadlocking; the second waits for the first to commit, then finds the keys taken.
 *
 * The server answers with the keys it did NOT claim: nearly always none, where returning the claimed ones
 * sent every key of the batch back (a profile of a backlog's drain found that reply among the costs).
 */
export async function claimNewKeys(
  client: pg.ClientBase,
  table: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const sorted = [...keys].sort();
  const taken = await client.query<{ event_key: string }>(
    `with claimed as (
       insert into ${pg.escapeIdentifier(table)} (event_key)
       select unnest($1::text[])
       on conflict do nothing
       returning event_key
     )
     select unnest($1::text[]) as event_key
     except
     select event_key from claimed`,
    [sorted],
  );
  const takenKeys = new Set(taken.rows.map((row) => row.event_key));
  return new Set(takenKeys.size === 0 ? sorted : sorted.filter((key) => !takenKeys.has(key)));
}
