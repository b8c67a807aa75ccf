import { fileURLToPath } from "node:url";
import { migrate } from "@edm/postgres";
import type { Logger } from "@edm/runtime";

/** The server's name for edm-funnel's connections (pg_stat_activity). */
export const APPLICATION = "edm-funnel";

/** The SQL migrations, found from this file so the command works from any working directory. */
const FUNNEL_MIGRATIONS = {
  name: "funnel",
  dir: fileURLToPath(new URL("../migrations", import.meta.url)),
  table: "pgmigrations_funnel",
};

/** Brings edm-funnel's tables up to date in the connection's schema; returns the migrations run. */
export function migrateFunnel(options: {
  databaseUrl: string;
  log: Logger;
  direction?: "up" | "down";
}): Promise<string[]> {
  return migrate({ ...options, application: APPLICATION, migrations: FUNNEL_MIGRATIONS });
}
