import type { Logger } from "@edm/runtime";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { clientOptions } from "./db";

/** One set of SQL migrations and the table that records which of them ran. */
export interface MigrationSet {
  /** What the tables are, for the logs: "stats". */
  name: string;
  /** Absolute path of the folder of .sql migrations. */
  dir: string;
  /** node-pg-migrate's bookkeeping table: "pgmigrations" unless a schema holds several sets. */
  table: string;
}

export interface MigrateOptions {
  databaseUrl: string;
  log: Logger;
  /** The server's name for the connection: "edm-stats". */
  application: string;
  migrations: MigrationSet;
  /** "down" undoes the last migration (development only). */
  direction?: "up" | "down";
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
  application,
  migrations,
  direction = "up",
}: MigrateOptions): Promise<string[]> {
  // No statement timeout: a migration may legitimately take long, and waiting for the lock is expected.
  const client = new pg.Client({ ...clientOptions(databaseUrl, application), statement_timeout: 0 });
  await client.connect();
  const set = migrations.name;
  try {
    const { rows } = await client.query<{ schema: string | null }>("select current_schema() as schema");
    const schema = rows[0]?.schema;
    if (!schema) {
      throw new Error("cannot migrate: none of the schemas in the connection's search_path exists");
    }
    const debug = (message: string) => log.debug({ schema, set }, message);
    const applied = await runner({
      dbClient: client,
      dir: migrations.dir,
      direction,
      count: direction === "down" ? 1 : Number.POSITIVE_INFINITY,
      migrationsTable: migrations.table,
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
