import { fileURLToPath } from "node:url";
import { migrate as runMigrations } from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import { APPLICATION } from "./db";

/** The SQL migrations, found from this file so the command works from any working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

/**
 * Two sets, each with its own bookkeeping table: "stats", the tables every generation has (the
 * deployment's own schema and each rebuilt generation's), and "control", the generation pointer, only in
 * the deployment's own schema (see migrate-deployment.ts).
 */
export const MIGRATION_SETS = {
  stats: { name: "stats", dir: MIGRATIONS_DIR, table: "pgmigrations" },
  control: {
    name: "control",
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

/** Brings one set of edm-stats's tables up to date in the connection's schema (see @edm/postgres's migrate). */
export function migrate({
  databaseUrl,
  log,
  direction = "up",
  set = "stats",
}: MigrateOptions): Promise<string[]> {
  return runMigrations({
    databaseUrl,
    log,
    application: APPLICATION,
    migrations: MIGRATION_SETS[set],
    direction,
  });
}
