import { type Db, inTransaction, withClient } from "@edm/postgres";
import type pg from "pg";
import { APPLICATION } from "./db";
import { type Deployment, type Generation, generationNamed, generationZero, qualified } from "./generation";

// The control tables (control-migrations/) live in the deployment's own schema; every statement names
// them schema-qualified, so any connection to the database (a generation's pool included) can run it.

type Queryable = Db | pg.ClientBase;

/** A generation as recorded, with the moments of its life. */
export interface GenerationRecord extends Generation {
  createdAt: Date;
  builtAt: Date | null;
  activatedAt: Date | null;
  retiredAt: Date | null;
  droppedAt: Date | null;
  active: boolean;
}

/** Reads the deployment's own schema (the first of DATABASE_URL's search_path) once, at start. */
export async function openDeployment(databaseUrl: string, baseGroupId: string): Promise<Deployment> {
  const { rows } = await withClient(databaseUrl, APPLICATION, (client) =>
    client.query<{ schema: string | null }>("select current_schema() as schema"),
  );
  const baseSchema = rows[0]?.schema;
  if (!baseSchema) throw new Error("none of the schemas in DATABASE_URL's search_path exists");
  return { databaseUrl, baseSchema, baseGroupId };
}

/** The generation the API reads and live instances count into; generation 0 until a rebuild switched. */
export async function readActiveGeneration(db: Queryable, deployment: Deployment): Promise<Generation> {
  const table = qualified(deployment.baseSchema, "stats_active_generation");
  const exists = await db.query<{ ready: boolean }>("select to_regclass($1) is not null as ready", [table]);
  if (!exists.rows[0]?.ready) return generationZero(deployment);
  const { rows } = await db.query<{ generation: number; schema_name: string; group_id: string }>(
    `select g.generation, g.schema_name, g.group_id
     from ${table} a join ${qualified(deployment.baseSchema, "stats_generations")} g using (generation)`,
  );
  const row = rows[0];
  if (!row) return generationZero(deployment);
  return { generation: row.generation, schema: row.schema_name, groupId: row.group_id };
}

export async function listGenerations(db: Queryable, deployment: Deployment): Promise<GenerationRecord[]> {
  const active = await readActiveGeneration(db, deployment);
  const { rows } = await db.query<{
    generation: number;
    schema_name: string;
    group_id: string;
    created_at: Date;
    built_at: Date | null;
    activated_at: Date | null;
    retired_at: Date | null;
    dropped_at: Date | null;
  }>(`select * from ${qualified(deployment.baseSchema, "stats_generations")} order by generation`);
  return rows.map((row) => ({
    generation: row.generation,
    schema: row.schema_name,
    groupId: row.group_id,
    createdAt: row.created_at,
    builtAt: row.built_at,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
    droppedAt: row.dropped_at,
    active: row.generation === active.generation,
  }));
}

/**
 * The generation a rebuild fills: an unfinished one left by an interrupted rebuild (its group's committed
 * offsets and its dedupe keys let it carry on exactly), or else a new one numbered after the highest.
 * Generation 0 is recorded too, the first time, so that it can be switched back to.
 */
export async function claimGenerationToBuild(
  db: Db,
  deployment: Deployment,
): Promise<{ generation: Generation; resumed: boolean }> {
  const generations = qualified(deployment.baseSchema, "stats_generations");
  return inTransaction(db, async (client) => {
    await client.query(`lock table ${generations} in exclusive mode`);
    const zero = generationZero(deployment);
    await client.query(
      `insert into ${generations} (generation, schema_name, group_id, built_at)
       values (0, $1, $2, now()) on conflict (generation) do nothing`,
      [zero.schema, zero.groupId],
    );
    const unfinished = await client.query<{ generation: number; schema_name: string; group_id: string }>(
      `select generation, schema_name, group_id from ${generations}
       where built_at is null and dropped_at is null order by generation desc limit 1`,
    );
    const row = unfinished.rows[0];
    if (row) {
      return {
        generation: { generation: row.generation, schema: row.schema_name, groupId: row.group_id },
        resumed: true,
      };
    }
    const highest = await client.query<{ n: number }>(`select max(generation) as n from ${generations}`);
    const generation = generationNamed(deployment, (highest.rows[0]?.n ?? 0) + 1);
    await client.query(`insert into ${generations} (generation, schema_name, group_id) values ($1, $2, $3)`, [
      generation.generation,
      generation.schema,
      generation.groupId,
    ]);
    return { generation, resumed: false };
  });
}

export async function markBuilt(db: Queryable, deployment: Deployment, generation: number): Promise<void> {
  await db.query(
    `update ${qualified(deployment.baseSchema, "stats_generations")} set built_at = now() where generation = $1`,
    [generation],
  );
}

export async function markDropped(db: Queryable, deployment: Deployment, generation: number): Promise<void> {
  await db.query(
    `update ${qualified(deployment.baseSchema, "stats_generations")} set dropped_at = now() where generation = $1`,
    [generation],
  );
}

/** Refused: the generation does not exist, is not built, or was dropped. */
export class GenerationUnavailableError extends Error {
  override name = "GenerationUnavailableError";
}

/**
 * Makes `generation` the active one, in ONE transaction: the pointer row, and the moments on both
 * generations. Live instances see the new pointer at their next poll and move their API and their counting
 * to it. Switching to the generation already active changes nothing (switched: false), so a retried switch
 * happens once.
 */
export async function activateGeneration(
  db: Db,
  deployment: Deployment,
  generation: number,
): Promise<{ previous: Generation; active: Generation; switched: boolean }> {
  const generations = qualified(deployment.baseSchema, "stats_generations");
  const pointer = qualified(deployment.baseSchema, "stats_active_generation");
  return inTransaction(db, async (client) => {
    // Serialises switches: a second one waits, then sees the first one's result.
    await client.query(`lock table ${pointer} in exclusive mode`);
    const previous = await readActiveGeneration(client, deployment);
    const { rows } = await client.query<{ schema_name: string; group_id: string }>(
      `select schema_name, group_id from ${generations}
       where generation = $1 and built_at is not null and dropped_at is null`,
      [generation],
    );
    const row = rows[0];
    if (!row) {
      throw new GenerationUnavailableError(
        `generation ${generation} cannot be made active: it does not exist, is not fully built, or was pruned`,
      );
    }
    const active = { generation, schema: row.schema_name, groupId: row.group_id };
    if (previous.generation === generation) return { previous, active, switched: false };
    await client.query(
      `insert into ${pointer} (singleton, generation, switched_at) values (true, $1, now())
       on conflict (singleton) do update set generation = excluded.generation, switched_at = excluded.switched_at`,
      [generation],
    );
    await client.query(
      `update ${generations} set activated_at = now(), retired_at = null where generation = $1`,
      [generation],
    );
    await client.query(`update ${generations} set retired_at = now() where generation = $1`, [
      previous.generation,
    ]);
    return { previous, active, switched: true };
  });
}
