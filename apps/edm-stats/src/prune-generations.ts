import type { Db } from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import pg from "pg";
import type { Deployment, Generation } from "./generation";
import { listGenerations, markDropped } from "./generation-control";

/**
 * Drops the schemas of the generations replaced (or built without being switched to) at least
 * `retiredForMs` ago: live instances move off a retired generation within a poll interval. Kept: the
 * active generation, unfinished ones (the next rebuild resumes them), and generation 0, whose tables share
 * the deployment's own schema.
 * Their consumer groups stay on the broker, idle; Kafka forgets an empty group's offsets after its
 * offsets.retention.minutes (7 days by default).
 */
export async function pruneGenerations(
  db: Db,
  deployment: Deployment,
  log: Logger,
  { retiredForMs = 60_000 }: { retiredForMs?: number } = {},
): Promise<Generation[]> {
  const cutoff = Date.now() - retiredForMs;
  const prunable = (await listGenerations(db, deployment)).filter(
    (generation) =>
      generation.generation > 0 &&
      !generation.active &&
      generation.droppedAt === null &&
      generation.builtAt !== null &&
      (generation.retiredAt ?? generation.builtAt).getTime() <= cutoff,
  );
  const dropped: Generation[] = [];
  for (const { generation, schema, groupId } of prunable) {
    await db.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
    await markDropped(db, deployment, generation);
    log.info(
      { event: "stats.generation.pruned", generation, schema, groupId },
      `dropped the tables of statistics generation ${generation} (schema ${schema}); it can no longer be switched back to`,
    );
    dropped.push({ generation, schema, groupId });
  }
  return dropped;
}
