import pg from "pg";
import { qualified } from "../generation";

// Helpers of the rebuild tests: whole tables of one generation, to compare two generations exactly.

/** Every aggregate table, with the columns that must match (when a row was written is not compared). */
const TABLES = {
  click_counts: "button_id, clicks::text",
  daily_events: "topic, day::text, events::text",
  minute_events: "minute::text, topic, events::text",
  page_loads: "page, loads::text",
  sessions: "session_id, first_seen_at::text",
  processed_event_ids: "event_key::text",
  processed_events: "event_key",
} as const;

export type Snapshot = Record<keyof typeof TABLES, unknown[][]>;

export async function snapshot(db: pg.Pool, schema: string): Promise<Snapshot> {
  const tables = {} as Snapshot;
  for (const [table, columns] of Object.entries(TABLES) as [keyof typeof TABLES, string][]) {
    const order = columns.split(",").map((_, index) => index + 1);
    const { rows } = await db.query({
      text: `select ${columns} from ${qualified(schema, table)} order by ${order.join(", ")}`,
      rowMode: "array",
    });
    tables[table] = rows;
  }
  return tables;
}

/** Events counted in a generation's tables (all topics). */
export async function eventsIn(db: pg.Pool, schema: string): Promise<number> {
  const { rows } = await db.query<{ total: string }>(
    `select coalesce(sum(events), 0)::text as total from ${qualified(schema, "daily_events")}`,
  );
  return Number(rows[0]?.total ?? 0);
}

/** Drops the generation schemas a test's rebuilds made beside its own schema. */
export async function dropGenerations(databaseUrl: string, baseSchema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select nspname as name from pg_namespace where nspname like $1",
      [`${baseSchema}\\_g%`],
    );
    for (const { name } of rows)
      await client.query(`drop schema if exists ${pg.escapeIdentifier(name)} cascade`);
  } finally {
    await client.end();
  }
}
