import type pg from "pg";
import type { Aggregates } from "./aggregate";

/** Distinct keys (button ids, pages) a table keeps by name; later ones are counted under OTHER_KEY. */
export const MAX_KEYS_PER_TABLE = 10_000;

/** The one row that counts every key past the cap, so the table's total stays exact. */
export const OTHER_KEY = "(other)";

/** A client-chosen key column, and how to read and write its rows in Aggregates. */
export interface KeyCap<R> {
  table: string;
  column: string;
  keyOf(row: R): string;
  countOf(row: R): number;
  row(key: string, count: number): R;
}

type ClickRow = Aggregates["clicksByButton"][number];
type PageRow = Aggregates["loadsByPage"][number];

export const BUTTON_KEYS: KeyCap<ClickRow> = {
  table: "click_counts",
  column: "button_id",
  keyOf: (row) => row.buttonId,
  countOf: (row) => row.clicks,
  row: (buttonId, clicks) => ({ buttonId, clicks }),
};

export const PAGE_KEYS: KeyCap<PageRow> = {
  table: "page_loads",
  column: "page",
  keyOf: (row) => row.page,
  countOf: (row) => row.loads,
  row: (page, loads) => ({ page, loads }),
};

/**
 * Pure: `rows` with every key that is neither `kept` nor among the first `room` new ones (in key order)
 * counted under OTHER_KEY instead, one row per key, sorted by key (the upsert's lock order).
 */
export function foldPastCap<R>(
  cap: KeyCap<R>,
  rows: readonly R[],
  kept: ReadonlySet<string>,
  room: number,
): R[] {
  const counts = new Map<string, number>();
  let admitted = 0;
  for (const row of [...rows].sort((a, b) => compare(cap.keyOf(a), cap.keyOf(b)))) {
    let key = cap.keyOf(row);
    if (!kept.has(key) && key !== OTHER_KEY) {
      if (admitted < room) admitted += 1;
      else key = OTHER_KEY;
    }
    counts.set(key, (counts.get(key) ?? 0) + cap.countOf(row));
  }
  return [...counts.entries()].sort(([a], [b]) => compare(a, b)).map(([key, count]) => cap.row(key, count));
}

/**
 * Keeps a table within MAX_KEYS_PER_TABLE named keys, inside the batch's transaction (so a redelivery,
 * deduplicated by its event keys, repeats nothing). Keys already in the table are counted as they are,
 * without a lock. A batch that brings new keys takes a transaction-scoped advisory lock per table, then
 * counts the table and re-reads which keys exist: concurrent batches admit new keys one after the other,
 * so the cap holds exactly even with several instances. Lock order stays deadlock-free: every batch takes
 * this lock right before the table's upserts, after the earlier tables' rows and before the later ones'.
 */
export async function keepWithinKeyCap<R>(
  client: pg.PoolClient,
  cap: KeyCap<R>,
  rows: readonly R[],
  maxKeys = MAX_KEYS_PER_TABLE,
): Promise<R[]> {
  const keys = rows.map(cap.keyOf);
  if (keys.length === 0) return [...rows];
  const existing = await existingKeys(client, cap, keys);
  if (keys.every((key) => existing.has(key) || key === OTHER_KEY)) return [...rows];

  // current_schema(): each test's schema is its own database, as far as this lock is concerned.
  await client.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.' || $1::text))", [
    cap.table,
  ]);
  const { rows: counted } = await client.query<{ named: string }>(
    `select count(*)::text as named from ${cap.table} where ${cap.column} <> $1`,
    [OTHER_KEY],
  );
  const named = Number(counted[0]?.named ?? 0);
  const kept = await existingKeys(client, cap, keys);
  return foldPastCap(cap, rows, kept, Math.max(0, maxKeys - named));
}

async function existingKeys<R>(client: pg.PoolClient, cap: KeyCap<R>, keys: string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ key: string }>(
    `select ${cap.column} as key from ${cap.table} where ${cap.column} = any($1::text[])`,
    [keys],
  );
  return new Set(rows.map((row) => row.key));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
