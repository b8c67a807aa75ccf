import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabaseIfMissing, probe, withDatabase } from "./connection";
import { startEmbedded } from "./embedded";

export { createDatabaseIfMissing } from "./connection";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ResolveOptions {
  /** Database to use (created when missing, except when DATABASE_URL is given). Default "edm". */
  database?: string;
  /** Skip DATABASE_URL and the server on 5432; also set by EDM_POSTGRES=embedded. */
  embedded?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Progress lines for a person; stderr by default so stdout can carry the URL alone. */
  log?: (line: string) => void;
}

export interface ResolvedDatabase {
  url: string;
  source: "DATABASE_URL" | "local server" | "embedded";
  /** True when this call started the embedded server (so a caller may stop it when done). */
  startedEmbedded: boolean;
}

const localServer = "postgres://postgres@127.0.0.1:5432/postgres";
const defaultEmbeddedPort = 54329;

/**
 * Finds a PostgreSQL to use, in this order: DATABASE_URL as given; the server on 127.0.0.1:5432 (trust
 * auth, user postgres); the project's embedded server on EDM_POSTGRES_PORT (default 54329), started
 * when needed, with its data in `${EDM_STATE_DIR:-<repo>/.local}/postgres` (for root, whose server runs as the
 * `postgres` user, in `${EDM_POSTGRES_SYSTEM_DIR:-/var/lib/edm}` when that user cannot enter the state directory).
 */
export async function resolveDatabase(options: ResolveOptions = {}): Promise<ResolvedDatabase> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`[postgres] ${line}\n`));
  const database = options.database ?? "edm";
  const forceEmbedded = options.embedded || env.EDM_POSTGRES === "embedded";

  if (!forceEmbedded && env.DATABASE_URL) {
    log("using DATABASE_URL from the environment");
    return { url: env.DATABASE_URL, source: "DATABASE_URL", startedEmbedded: false };
  }

  if (!forceEmbedded) {
    const local = await probe(localServer, 2_000);
    if (local.ok) {
      const url = withDatabase(localServer, database);
      if (await createDatabaseIfMissing(url)) log(`created database "${database}" on 127.0.0.1:5432`);
      log(`using the PostgreSQL server on 127.0.0.1:5432, database "${database}"`);
      return { url, source: "local server", startedEmbedded: false };
    }
    log(`no usable PostgreSQL on 127.0.0.1:5432 (${local.reason}); falling back to the embedded one`);
  }

  const stateDir = env.EDM_STATE_DIR ?? join(repoRoot, ".local");
  const port = embeddedPort(env.EDM_POSTGRES_PORT);
  const systemDir = env.EDM_POSTGRES_SYSTEM_DIR;
  const embedded = await startEmbedded({ stateDir, systemDir, port, log });
  const url = withDatabase(embedded.url, database);
  if (await createDatabaseIfMissing(url)) log(`created database "${database}" on the embedded server`);
  return { url, source: "embedded", startedEmbedded: embedded.startedNow };
}

/** Like resolveDatabase, for callers that need only the URL. */
export async function resolveDatabaseUrl(options: ResolveOptions = {}): Promise<string> {
  return (await resolveDatabase(options)).url;
}

function embeddedPort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return defaultEmbeddedPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error("EDM_POSTGRES_PORT must be a whole number from 1 to 65535");
  }
  return port;
}
