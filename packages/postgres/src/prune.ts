import type { Logger } from "@edm/runtime";
import type { Db } from "./db";

// Upkeep for the tables of a consumer that counts exactly once: its dedupe keys, and whatever else it keeps
// only for a window. Each app names its own tables; the chunked delete and the schedule are shared.

export interface Chunking {
  /** Rows deleted per statement, so no delete holds locks or bloats WAL for long. */
  chunkRows: number;
  /** Statements per table per run; the rest is left for the next run, which then comes at once. */
  maxChunks: number;
}

export const DEFAULT_CHUNKING: Chunking = { chunkRows: 20_000, maxChunks: 50 };

export interface Deleted {
  rows: number;
  /** Rows were still left when the run stopped at maxChunks. */
  more: boolean;
}

/**
 * Deletes the rows of `table` whose `column` is older than `ageMs`, `chunkRows` per statement, `maxChunks`
 * statements at most. `table` and `column` are the caller's own identifiers, never input.
 */
export async function deleteOlderThan(
  db: Db,
  { table, column }: { table: string; column: string },
  ageMs: number,
  { chunkRows, maxChunks }: Chunking = DEFAULT_CHUNKING,
): Promise<Deleted> {
  // Deleting by ctid lets a limit apply to a delete; an index on `column` finds the old rows.
  const statement = `delete from ${table} where ctid = any(array(
      select ctid from ${table}
      where ${column} < now() - make_interval(secs => $1::double precision / 1000)
      limit $2))`;
  let rows = 0;
  for (let chunk = 0; chunk < maxChunks; chunk += 1) {
    const deleted = (await db.query(statement, [ageMs, chunkRows])).rowCount ?? 0;
    rows += deleted;
    if (deleted < chunkRows) return { rows, more: false };
  }
  return { rows, more: true };
}

export interface PruneRun {
  /** Rows forgotten, by what they were (logged when any). */
  forgotten: Record<string, number>;
  more: boolean;
}

export interface Pruning {
  stop(): Promise<void>;
}

export interface PruneSchedule {
  /** Between runs that left nothing behind. */
  intervalMs?: number;
  firstDelayMs?: number;
  /** Between runs while a backlog is left: pruning then goes on at the database's delete speed. */
  backlogDelayMs?: number;
}

export interface PruneJob {
  pruneOnce: () => Promise<PruneRun>;
  log: Logger;
  /** Prefix of the log lines' `event` field ("stats" logs stats.pruned). */
  eventPrefix: string;
  /** What a run forgets, for the log: "old event keys and sessions". */
  what: string;
}

/**
 * Runs `pruneOnce` now and then (first after `firstDelayMs`), never two at once, until stopped. A run that
 * stops with rows left is followed almost at once by the next, so pruning keeps up with any ingest rate
 * the database can delete at, while each statement stays small.
 */
export function schedulePruning(
  { pruneOnce, log, eventPrefix, what }: PruneJob,
  { intervalMs = 60_000, firstDelayMs = 60_000, backlogDelayMs = 100 }: PruneSchedule = {},
): Pruning {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let stopped = false;

  const run = async (): Promise<boolean> => {
    try {
      const { forgotten, more } = await pruneOnce();
      if (Object.values(forgotten).some((rows) => rows > 0)) {
        log.info(
          { event: `${eventPrefix}.pruned`, ...forgotten, more },
          more ? `forgot ${what}; more are left, continuing at once` : `forgot ${what}`,
        );
      }
      return more;
    } catch (err) {
      log.warn({ err }, `forgetting ${what} failed; will try again later (counting is not affected)`);
      return false;
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run();
      void running.then((more) => {
        running = undefined;
        schedule(more ? backlogDelayMs : intervalMs);
      });
    }, delayMs);
    // Pruning alone never keeps the process alive.
    timer.unref();
  };
  schedule(firstDelayMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
