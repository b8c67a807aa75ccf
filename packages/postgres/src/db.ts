import { withTimeout } from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import pg from "pg";

export type Db = pg.Pool;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1", ""]);

/**
 * The connection string to hand to pg. Heroku Postgres only accepts TLS, and its server certificates are
 * signed by a CA that Heroku does not publish, so a verifying client cannot connect at all. For a remote
 * host without an explicit `sslmode` we therefore ask for TLS without chain verification
 * (`sslmode=no-verify`, which pg maps to an encrypted but unverified connection). Local servers (tests,
 * development) usually have no TLS, and a URL that sets `sslmode` itself is always kept as written.
 */
export function connectionStringFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.searchParams.has("sslmode")) return databaseUrl;
  // A unix-socket URL (postgres:///db?host=/run/postgresql) names its host in the query.
  const host = url.searchParams.get("host") ?? url.hostname;
  if (LOCAL_HOSTS.has(host) || host.startsWith("/")) return databaseUrl;
  url.searchParams.set("sslmode", "no-verify");
  return url.toString();
}

/** Connection options shared by a service's pools and its migration client; `application` names it to the server. */
export function clientOptions(databaseUrl: string, application: string): pg.ClientConfig {
  return {
    connectionString: connectionStringFor(databaseUrl),
    // A database that does not answer must fail a request or a batch, not hang it.
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
    // A transaction left open by a stuck process would hold locks other instances wait on.
    idle_in_transaction_session_timeout: 30_000,
    application_name: application,
  };
}

export interface PoolOptions {
  log: Logger;
  /** The server's name for the connections (pg_stat_activity): "edm-stats consumer". */
  application: string;
  /** Connections at most; keep the sum over instances within the plan's limit (Heroku's smallest: 20). */
  max: number;
  /** Prefix of the log event: "stats" logs `stats.database.connection_lost`. */
  eventPrefix: string;
}

export function createPool(databaseUrl: string, { log, application, max, eventPrefix }: PoolOptions): Db {
  const pool = new pg.Pool({
    ...clientOptions(databaseUrl, application),
    max,
    // Finds a connection that died silently (a failover that dropped packets) instead of waiting on it.
    keepAlive: true,
  });
  // Without a listener, an idle connection dropped by the server (restart, failover) crashes the process.
  pool.on("error", (err) => {
    log.warn(
      { event: `${eventPrefix}.database.connection_lost`, pool: application, err },
      `a PostgreSQL connection of the "${application}" pool was lost (${err.message}); it is replaced on next use`,
    );
  });
  return pool;
}

/**
 * Runs `work` in one transaction on one connection; rolls back if it throws.
 *
 * While a client is checked out, node-postgres takes the pool's 'error' listener off it, and a server that
 * goes away mid-transaction (a restart, a failover: ECONNRESET, 57P01) makes the client emit 'error'.
 * Unheard, that event kills the process, so the client has a listener of its own while it is lent: the
 * query in flight rejects anyway, and the listener only marks the connection as one to throw away.
 */
export async function inTransaction<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than handed to the next caller.
    if (!broken) {
      await client.query("rollback").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    }
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function databaseAnswers(db: Db, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = db.query("select 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** pool.end() waits for connections in use; a batch abandoned by a timed-out stop must not hang the exit. */
export async function endPool(db: Db, log: Logger): Promise<void> {
  try {
    await withTimeout(db.end(), 5_000, "Closing the PostgreSQL pool");
  } catch (err) {
    log.warn({ err }, "the PostgreSQL pool did not close in time; exiting anyway");
  }
}

/** Runs `work` on a connection of its own, opened for it and closed after. */
export async function withClient<T>(
  databaseUrl: string,
  application: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(clientOptions(databaseUrl, application));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}
