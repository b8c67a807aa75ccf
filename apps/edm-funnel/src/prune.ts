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
import { MAX_FUNNEL_HOURS } from "@edm/schema";

export interface FunnelPruneLimits extends Partial<Chunking> {
  /** Keys of events counted longer ago than this are forgotten (DEDUPE_RETENTION). */
  dedupeRetentionMs: number;
  /** Sessions that started longer ago than this are forgotten; the API shows at most MAX_FUNNEL_HOURS. */
  sessionWindowMs?: number;
}

const HOUR_MS = 3_600_000;
/** Twice what the API can show, so a late event still finds the session it belongs to. */
export const FUNNEL_SESSION_WINDOW_MS = 2 * MAX_FUNNEL_HOURS * HOUR_MS;
const PROCESSED_EVENTS = { table: "funnel_processed_events", column: "processed_at" };
const SESSIONS = { table: "funnel_sessions", column: "started_at" };

/**
 * Forgets event keys Kafka can no longer deliver again (DEDUPE_RETENTION covers the topics' retention,
 * checked at start) and sessions too old for any funnel the API shows, in bounded chunks.
 */
export async function pruneFunnelOnce(db: Db, limits: FunnelPruneLimits) {
  const { dedupeRetentionMs, sessionWindowMs = FUNNEL_SESSION_WINDOW_MS, ...chunking } = limits;
  const chunks = { ...DEFAULT_CHUNKING, ...chunking };
  const keys = await deleteOlderThan(db, PROCESSED_EVENTS, dedupeRetentionMs, chunks);
  const sessions = await deleteOlderThan(db, SESSIONS, sessionWindowMs, chunks);
  return { forgotten: { keys: keys.rows, sessions: sessions.rows }, more: keys.more || sessions.more };
}

/** pruneFunnelOnce now and then, until stopped (see @edm/postgres's schedulePruning). */
export function scheduleFunnelPruning(
  db: Db,
  log: Logger,
  limits: FunnelPruneLimits,
  schedule?: PruneSchedule,
): Pruning {
  return schedulePruning(
    {
      pruneOnce: () => pruneFunnelOnce(db, limits),
      log,
      eventPrefix: "funnel",
      what: "old event keys and sessions",
    },
    schedule,
  );
}
