import type { Db } from "@edm/postgres";
import type { Logger } from "@edm/runtime";

export interface PruneLimits {
  /** Keys of events processed longer ago than this are forgotten. */
  dedupeRetentionMs: number;
  /** Per-minute counts older than this are deleted; the API shows only the last hour. */
  minuteRetentionMs?: number;
  /** Sessions whose first event is older than this are forgotten: totals.sessions counts this window. */
  sessionWindowMs?: number;
  /** Rows deleted per statement, so no delete holds locks or bloats WAL for long. */
  chunkRows?: number;
  /** Statements per table per run; the rest is left for the next run, which then comes at once. */
  maxChunks?: number;
}

export interface Pruned {
  keys: number;
  sessions: number;
  minutes: number;
  /** A table still had rows to forget when the run stopped at maxChunks. */
  more: boolean;
}

const DAY_MS = 24 * 3_600_000;
export const MINUTE_RETENTION_MS = 7 * DAY_MS;
export const SESSION_WINDOW_MS = 30 * DAY_MS;

/**
 * Forgets what no longer matters, in bounded chunks. A key may go once its event can no longer come back:
 * Kafka has deleted the record (the retention is longer than Kafka's, checked at start), so no redelivery
 * can repeat it. The defaults delete up to a million rows per table per run; schedulePruning starts the next
 * run at once when that was not enough.
 */
export async function pruneOnce(db: Db, limits: PruneLimits): Promise<Pruned> {
  const {
    dedupeRetentionMs,
    minuteRetentionMs = MINUTE_RETENTION_MS,
    sessionWindowMs = SESSION_WINDOW_MS,
    chunkRows = 20_000,
    maxChunks = 50,
  } = limits;
  const chunking = { chunkRows, maxChunks };
  const ids = await deleteOlderThan(db, "processed_event_ids", "processed_at", dedupeRetentionMs, chunking);
  const places = await deleteOlderThan(db, "processed_events", "processed_at", dedupeRetentionMs, chunking);
  const sessions = await deleteOlderThan(db, "sessions", "first_seen_at", sessionWindowMs, chunking);
  // One statement: what it deletes is what arrived since the last run with old timestamps, a few rows a day
  // unless a client sent them on purpose, and then at most one row per topic and minute.
  const minutes = await db.query(
    "delete from minute_events where minute < now() - make_interval(secs => $1::double precision / 1000)",
    [minuteRetentionMs],
  );
  return {
    keys: ids.rows + places.rows,
    sessions: sessions.rows,
    minutes: minutes.rowCount ?? 0,
    more: ids.more || places.more || sessions.more,
  };
}

/** Deletes the rows whose `column` is older than `ageMs`, `chunkRows` per statement, `maxChunks` at most. */
async function deleteOlderThan(
  db: Db,
  table: "processed_event_ids" | "processed_events" | "sessions",
  column: "processed_at" | "first_seen_at",
  ageMs: number,
  { chunkRows, maxChunks }: { chunkRows: number; maxChunks: number },
): Promise<{ rows: number; more: boolean }> {
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

/**
 * Runs pruneOnce now and then (first after `firstDelayMs`), never two at once, until stopped. A run that
 * stops with rows left is followed almost at once by the next, so pruning keeps up with any ingest rate
 * the database can delete at, while each statement stays small.
 */
export function schedulePruning(
  db: Db,
  log: Logger,
  limits: PruneLimits,
  { intervalMs = 60_000, firstDelayMs = 60_000, backlogDelayMs = 100 }: PruneSchedule = {},
): Pruning {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let stopped = false;

  const run = async (): Promise<boolean> => {
    try {
      const { more, ...pruned } = await pruneOnce(db, limits);
      if (pruned.keys + pruned.sessions + pruned.minutes > 0) {
        log.info(
          { event: "stats.pruned", ...pruned, more },
          more
            ? "forgot old event keys, sessions and per-minute counts; more are left, continuing at once"
            : "forgot old event keys, sessions and per-minute counts",
        );
      }
      return more;
    } catch (err) {
      log.warn({ err }, "pruning old event keys failed; will try again later (counting is not affected)");
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
