import { withClient } from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import pg from "pg";
import { APPLICATION } from "./db";
import { withSearchPath } from "./generation";
import { listGenerations, openDeployment } from "./generation-control";
import { migrate } from "./migrate";

/**
 * Brings the whole deployment up to date: its own schema (the stats tables of generation 0 and the control
 * tables), then the stats tables of every rebuilt generation not yet pruned, so that switching to any of
 * them (a rebuild, a rollback) finds the same tables as generation 0. Returns the migrations run.
 */
export async function migrateDeployment({
  databaseUrl,
  log,
}: {
  databaseUrl: string;
  log: Logger;
}): Promise<string[]> {
  const ran = [
    ...(await migrate({ databaseUrl, log, set: "stats" })),
    ...(await migrate({ databaseUrl, log, set: "control" })),
  ];
  // The group does not matter for listing generations.
  const deployment = await openDeployment(databaseUrl, "edm-stats");
  const generations = await withClient(databaseUrl, APPLICATION, (client) =>
    listGenerations(client, deployment),
  );
  const schemas = generations
    .filter((generation) => generation.droppedAt === null && generation.schema !== deployment.baseSchema)
    .map((generation) => generation.schema);
  for (const schema of schemas) {
    await ensureSchema(databaseUrl, schema);
    ran.push(...(await migrate({ databaseUrl: withSearchPath(databaseUrl, schema), log })));
  }
  return ran;
}

/** Creates a generation's schema if it is missing (a rebuild interrupted before its migrations). */
export async function ensureSchema(databaseUrl: string, schema: string): Promise<void> {
  await withClient(databaseUrl, APPLICATION, (client) =>
    client.query(`create schema if not exists ${pg.escapeIdentifier(schema)}`),
  );
}
