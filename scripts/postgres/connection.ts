import pg from "pg";

export type Probe = { ok: true } | { ok: false; reason: string };

/** Connects and runs `select 1`; says why not when it cannot (refused, wrong password, no such database...). */
export async function probe(url: string, timeoutMs = 3_000): Promise<Probe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates the database named in `url` unless it exists, connecting to the server's maintenance database
 * with the same credentials. Returns true when it created it.
 */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const name = databaseName(url);
  const client = await connectToMaintenanceDatabase(url);
  try {
    const existing = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (existing.rowCount) return false;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
    return true;
  } catch (err) {
    // Two processes resolving at once may both see it missing; the loser's "already exists" is fine.
    if (isPgError(err) && (err.code === "42P04" || err.code === "23505")) return false;
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const changed = new URL(url);
  changed.pathname = `/${encodeURIComponent(database)}`;
  return changed.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error("the database URL names no database (its path is empty)");
  return name;
}

async function connectToMaintenanceDatabase(url: string): Promise<pg.Client> {
  let lastError: unknown;
  for (const maintenance of ["postgres", "template1"]) {
    const client = new pg.Client({
      connectionString: withDatabase(url, maintenance),
      connectionTimeoutMillis: 5_000,
    });
    client.on("error", () => {});
    try {
      await client.connect();
      return client;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => {});
      // Only a missing maintenance database is worth a second try; anything else fails the same way.
      if (!(isPgError(err) && err.code === "3D000")) break;
    }
  }
  throw lastError;
}

function isPgError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === "string";
}

export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describeError(err.errors[0]);
  if (err instanceof Error) return err.message || ("code" in err ? String(err.code) : err.name);
  return String(err);
}
