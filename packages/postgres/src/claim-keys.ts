import pg from "pg";

/**
 * Claims dedupe keys inside the caller's transaction and returns those that are new: a key already in
 * `table` (an event stored before: a redelivery, a producer retry) is not returned. Keys are claimed in
 * sorted order, so concurrent batches with overlapping keys queue on the unique index instead of
 * deadlocking; the second waits for the first to commit, then finds the keys taken.
 */
export async function claimNewKeys(
  client: pg.ClientBase,
  table: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const claimed = await client.query<{ event_key: string }>(
    `insert into ${pg.escapeIdentifier(table)} (event_key)
     select unnest($1::text[])
     on conflict do nothing
     returning event_key`,
    [[...keys].sort()],
  );
  return new Set(claimed.rows.map((row) => row.event_key));
}
