import pg from "pg";

/** A table of dedupe keys: its primary key is `event_key`, of this type. */
export interface KeyTable {
  /** Unqualified (the connection's search_path finds it), as PostgreSQL names it in a key's error. */
  table: string;
  type: "text" | "uuid";
}

const UNIQUE_VIOLATION = "23505";

/**
 * Claims dedupe keys inside the caller's transaction and returns those that were taken already (an event
 * stored before: a redelivery, a producer retry); the others are new, claimed now. Keys are claimed in
 * sorted order, so concurrent batches with overlapping keys queue on the unique index instead of
 * deadlocking; the second waits for the first to commit, then finds the keys taken. A uuid key must be
 * written in lowercase, as PostgreSQL writes it back, so that both sort alike.
 *
 * Nearly always every key is new, so they are first inserted plainly, in a savepoint: that costs PostgreSQL
 * about a third less than ON CONFLICT DO NOTHING, which looks each key up before inserting it (timed while
 * a backlog drained, where these inserts are most of the database's work). Only when a key is taken (the
 * insert fails on the primary key) is the savepoint rolled back and the batch claimed with ON CONFLICT,
 * which answers with the taken keys.
 */
export async function claimKeys(
  client: pg.ClientBase,
  where: KeyTable,
  keys: readonly string[],
): Promise<ReadonlySet<string>> {
  if (keys.length === 0) return new Set();
  const sorted = [...keys].sort();
  const { table, type } = where;
  await client.query("savepoint claim_keys");
  try {
    await client.query(`insert into ${pg.escapeIdentifier(table)} (event_key) select unnest($1::${type}[])`, [
      sorted,
    ]);
  } catch (error) {
    if (!isTakenKey(error, table)) throw error;
    await client.query("rollback to savepoint claim_keys");
    return claimSkippingTaken(client, where, sorted);
  }
  await client.query("release savepoint claim_keys");
  return new Set();
}

function isTakenKey(error: unknown, table: string): boolean {
  return error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION && error.table === table;
}

async function claimSkippingTaken(
  client: pg.ClientBase,
  { table, type }: KeyTable,
  sorted: readonly string[],
): Promise<ReadonlySet<string>> {
  const taken = await client.query<{ event_key: string }>(
    `with claimed as (
       insert into ${pg.escapeIdentifier(table)} (event_key)
       select unnest($1::${type}[])
       on conflict do nothing
       returning event_key
     )
     select event_key::text from (
       select unnest($1::${type}[]) as event_key
       except
       select event_key from claimed
     ) as taken`,
    [sorted],
  );
  return new Set(taken.rows.map((row) => row.event_key));
}
