import { createPool, type Db } from "@edm/postgres";
import type { Logger } from "@edm/runtime";

/** The server's name for edm-stats's connections (pg_stat_activity). */
export const APPLICATION = "edm-stats";

/**
 * Connections per instance. Heroku's smallest PostgreSQL plans allow 20 in all; 5 per instance leaves room
 * for three instances plus the release phase's migrations and a psql session. The consumer has a pool of its
 * own, so its batches never queue behind HTTP queries (every dashboard polls), and a burst of batches never
 * starves the API.
 */
export const POOL_SIZES = { api: 3, consumer: 2 } as const;

export type PoolPurpose = keyof typeof POOL_SIZES;

export function createStatsPool(databaseUrl: string, log: Logger, purpose: PoolPurpose): Db {
  return createPool(databaseUrl, {
    log,
    application: `${APPLICATION} ${purpose}`,
    max: POOL_SIZES[purpose],
    eventPrefix: "stats",
  });
}
