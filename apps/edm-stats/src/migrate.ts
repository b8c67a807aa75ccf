import { fileURLToPath } from "node:url";
import type { Logger } from "@edm/runtime";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { clientOptions } from "./db";

/** The SQL migrations, found from this file so the command works from any working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

/**
 * Two sets, each with its own bookkeeping table: "stats", the tables every generation has (the
 * deployment's own schema and each rebuilt generation's), and "control", the generation pointer, only in
 * the deployment's own schema (see migrate-deployment.ts).
 */
export const MIGRATION_SETS = {
  stats: { dir: MIGRATIONS_DIR, table: "pgmigrations" },
  control: {
    dir: fileURLToPath(new URL("../control-migrations", import.meta.url)),
    table: "pgmigrations_control",
  },
} as const;

export type MigrationSet = keyof typeof MIGRATION_SETS;

export interface MigrateOptions {
  databaseUrl: string;
  log: Logger;
  /** "down" undoes the last migration (development only). */
  direction?: "up" | "down";
  /** Default "stats". */
  set?: MigrationSet;
}

/**
 * Brings the database schema up to date with node-pg-migrate and returns the names of the migrations run.
 *
 * Everything, the bookkeeping table included, goes into the connection's current schema (the first one of
 * its search_path that exists): "public" in production, a test's own schema in tests. node-pg-migrate would
 * otherwise put its table in "public" whatever the search_path says.
 *
 * Several instances may call this at once (MIGRATE_ON_START): they queue on node-pg-migrate's advisory lock
 * and the later ones find nothing left to do.
 */
export async function migrate({
  databaseUrl,
  log,
  direction = "up",
  set = "stats",
}: MigrateOptions): Promise<string[]> {
  // No statement timeout: a migration may legitimately take long, and waiting for the lock is expected.
  const client = new pg.Client({ ...clientOptions(databaseUrl), statement_timeout: 0 });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string | null }>("select current_schema() as schema");
    const schema = rows[0]?.schema;
    if (!schema) {
      throw new Error("cannot migrate: none of the schemas in the connection's search_path exists");
    }
    const debug = (message: string) => log.debug({ schema, set }, message);
    const applied = await runner({
      dbClient: client,
      dir: MIGRATION_SETS[set].dir,
      direction,
      count: direction === "down" ? 1 : Number.POSITIVE_INFINITY,
      migrationsTable: MIGRATION_SETS[set].table,
      schema,
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: "wait",
      logger: { debug, info: debug, warn: (message) => log.warn({ schema }, message), error: debug },
    });
    const names = applied.map((migration) => migration.name);
    if (names.length === 0)
      log.info({ schema, set }, `the ${set} tables are up to date; no migrations to run`);
    else log.info({ schema, set, migrations: names, direction }, `ran ${names.length} database migration(s)`);
    return names;
  } finally {
    await client.end().catch(() => {});
  }
}
