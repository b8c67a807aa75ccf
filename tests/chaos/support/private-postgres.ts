import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// A PostgreSQL cluster of one test's own, on a free port, so the test may restart it under load. The
// machine's shared server (5432) is never stopped or restarted by a test: other tests and people use it.
// The cluster lives under os.tmpdir(), never in the repository, whose folder may be closed to the
// `postgres` user that the server must run as when the tests run as root.

const run = promisify(execFile);
const SERVER_USER = "postgres";

export interface PrivatePostgres {
  /** Connection string of its maintenance database (trust auth on 127.0.0.1 only). */
  url: string;
  port: number;
  /** A fast restart (`pg_ctl restart -m fast`): every open session is ended, as in a failover. */
  restart(): Promise<void>;
  /** Stops it and deletes its files. */
  remove(): Promise<void>;
}

/** Debian's server binaries, newest major version first; PostgreSQL's own `initdb` and `pg_ctl`. */
function serverBinaries(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, "bin/pg_ctl")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      `no PostgreSQL server binaries in ${root}/<version>/bin: install Debian's postgresql package to run the fault tests`,
    );
  }
  return join(root, newest, "bin");
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinaries();
  const asRoot = userInfo().uid === 0;
  const dir = await mkdtemp(join(tmpdir(), "edm-chaos-postgres-"));
  // PostgreSQL refuses to run as root; as root, the cluster belongs to the `postgres` system user.
  if (asRoot) {
    const [uid, gid] = await Promise.all([run("id", ["-u", SERVER_USER]), run("id", ["-g", SERVER_USER])]);
    await chown(dir, Number(uid.stdout), Number(gid.stdout));
  }
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const port = await freePort();
  const serverFlags = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off`;

  const tool = async (name: string, args: string[]) => {
    const [command, commandArgs] = asRoot
      ? ["runuser", ["-u", SERVER_USER, "--", join(bin, name), ...args]]
      : [join(bin, name), args];
    try {
      // Run from the cluster's folder: the test's own working directory may be closed to `postgres`.
      await run(command, commandArgs, { cwd: dir, env: { ...process.env, LC_ALL: "C" } });
    } catch (error) {
      const { stderr = "", stdout = "" } = error as { stderr?: string; stdout?: string };
      const serverLog = await readFile(logFile, "utf8").catch(() => "");
      throw new Error(
        `${name} ${args[0]} failed for the private PostgreSQL in ${dir}:\n${stdout}${stderr}\n${serverLog.slice(-2_000)}`,
      );
    }
  };
  const pgCtl = (action: string, ...extra: string[]) =>
    tool("pg_ctl", [action, "-D", data, "-l", logFile, "-w", "-t", "60", ...extra]);

  await tool("initdb", ["-D", data, "-U", SERVER_USER, "-A", "trust", "-E", "UTF8", "--no-sync"]);
  await pgCtl("start", "-o", serverFlags);
  return {
    url: `postgres://${SERVER_USER}@127.0.0.1:${port}/postgres`,
    port,
    restart: () => pgCtl("restart", "-m", "fast", "-o", serverFlags),
    async remove() {
      await pgCtl("stop", "-m", "immediate").catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
