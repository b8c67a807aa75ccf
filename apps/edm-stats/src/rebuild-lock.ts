import { clientOptions } from "@edm/postgres";
import pg from "pg";
import { APPLICATION } from "./db";
import type { Deployment } from "./generation";

/** Refused: another rebuild, switch or prune of the same deployment is running. */
export class RebuildBusyError extends Error {
  override name = "RebuildBusyError";
}

/**
 * Runs `work` while holding the deployment's rebuild lock (a PostgreSQL advisory lock on a connection of
 * its own), so that two rebuilds never fill or switch generations at once. The lock goes with the
 * connection: a rebuild that dies releases it.
 */
export async function withRebuildLock<T>(deployment: Deployment, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({
    ...clientOptions(deployment.databaseUrl, APPLICATION),
    statement_timeout: 0,
  });
  await client.connect();
  // Keep the process alive if the lock's connection drops; the work then finishes or fails on its own.
  client.on("error", () => {});
  const key = `edm-stats rebuild ${deployment.baseSchema}`;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtext($1)) as locked",
      [key],
    );
    if (!rows[0]?.locked) {
      throw new RebuildBusyError(
        `another rebuild (or switch, or prune) of the statistics in schema ${deployment.baseSchema} is running; wait for it to finish`,
      );
    }
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}
