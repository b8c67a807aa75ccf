import type { Logger } from "@edm/runtime";
import type { Db } from "./db";

export interface PruneLimits {
  /** Keys of events processed longer ago than this are forgotten. */
  dedupeRetentionMs: number;
  /** Per-minute counts older than this are deleted; the API shows only the last hour. */
  minuteRetentionMs?: number;
  /** Rows deleted per statement, so no delete holds locks or bloats WAL for long. */
  chunkRows?: number;
  /** Statements per run; what is left waits for the next run. */
  maxChunks?: number;
}

export const MINUTE_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Forgets what no longer matters, in bounded chunks. A key may go once its event can no longer come back:
 * Kafka has deleted the record (the retention is longer than Kafka's), so no redelivery can repeat it.
 */
export async function pruneOnce(db: Db, limits: PruneLimits): Promise<{ keys: number; minutes: number }> {
  const {
    dedupeRetentionMs,
    minuteRetentionMs = MINUTE_RETENTION_MS,
    chunkRows = 10_000,
    maxChunks = 20,
  } = limits;
  let keys = 0;
  for (let chunk = 0; chunk < maxChunks; chunk += 1) {
    // Deleting by ctid lets a limit apply to a delete; the BRIN index finds the old rows.
    const result = await db.query(
      `delete from processed_events where ctid = any(array(
         select ctid from processed_events
         where processed_at < now() - make_interval(secs => $1::double precision / 1000)
         limit $2))`,
      [dedupeRetentionMs, chunkRows],
    );
    keys += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < chunkRows) break;
  }
  const minutes = await db.query(
    "delete from minute_events where minute < now() - make_interval(secs => $1::double precision / 1000)",
    [minuteRetentionMs],
  );
  return { keys, minutes: minutes.rowCount ?? 0 };
}

export interface Pruning {
  stop(): Promise<void>;
}

/** Runs pruneOnce now and then (first after `firstDelayMs`), never two at once, until stopped. */
export function schedulePruning(
  db: Db,
  log: Logger,
  limits: PruneLimits,
  { intervalMs = 10 * 60_000, firstDelayMs = 60_000 } = {},
): Pruning {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      const pruned = await pruneOnce(db, limits);
      if (pruned.keys + pruned.minutes > 0) {
        log.info({ event: "stats.pruned", ...pruned }, "forgot old event keys and per-minute counts");
      }
    } catch (err) {
      log.warn({ err }, "pruning old event keys failed; will try again later (counting is not affected)");
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule(intervalMs);
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
