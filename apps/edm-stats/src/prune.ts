import {
  type Chunking,
  type Db,
  DEFAULT_CHUNKING,
  deleteOlderThan,
  type PruneSchedule,
  type Pruning,
  schedulePruning,
} from "@edm/postgres";
import type { Logger } from "@edm/runtime";

export interface PruneLimits extends Partial<Chunking> {
  /** Keys of events processed longer ago than this are forgotten. */
  dedupeRetentionMs: number;
  /** Per-minute counts older than this are deleted; the API shows only the last hour. */
  minuteRetentionMs?: number;
  /** Sessions whose first event is older than this are forgotten: totals.sessions counts this window. */
  sessionWindowMs?: number;
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
const PROCESSED_EVENT_IDS = { table: "processed_event_ids", column: "processed_at" };
const PROCESSED_EVENTS = { table: "processed_events", column: "processed_at" };
const SESSIONS = { table: "sessions", column: "first_seen_at" };

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
    chunkRows = DEFAULT_CHUNKING.chunkRows,
    maxChunks = DEFAULT_CHUNKING.maxChunks,
  } = limits;
  const chunking = { chunkRows, maxChunks };
  const ids = await deleteOlderThan(db, PROCESSED_EVENT_IDS, dedupeRetentionMs, chunking);
  const places = await deleteOlderThan(db, PROCESSED_EVENTS, dedupeRetentionMs, chunking);
  const sessions = await deleteOlderThan(db, SESSIONS, sessionWindowMs, chunking);
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

export type { Pruning } from "@edm/postgres";

/** pruneOnce now and then, until stopped (see @edm/postgres's schedulePruning). */
export function scheduleStatsPruning(
  db: Db,
  log: Logger,
  limits: PruneLimits,
  schedule?: PruneSchedule,
): Pruning {
  const pruneOnceAndSay = async () => {
    const { more, ...forgotten } = await pruneOnce(db, limits);
    return { forgotten, more };
  };
  return schedulePruning(
    {
      pruneOnce: pruneOnceAndSay,
      log,
      eventPrefix: "stats",
      what: "old event keys, sessions and per-minute counts",
    },
    schedule,
  );
}
