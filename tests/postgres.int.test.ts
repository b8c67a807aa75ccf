import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@edm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe } from "../scripts/postgres/connection";
import { stopEmbedded } from "../scripts/postgres/embedded";
import { isRoot } from "../scripts/postgres/embedded-layout";
import { createDatabaseIfMissing, resolveDatabase } from "../scripts/postgres/postgres";

// Proves the fallback that developers without a PostgreSQL server rely on: a real embedded server in a
// throw-away state directory on a free port, started, reused, used and stopped.

let stateDir: string;
let systemDir: string;
let env: NodeJS.ProcessEnv;
const log = () => {};

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ one: number }>("select 1 as one");
    return result.rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "edm-postgres-"));
  // Open to others, so as root the cluster stays in the state directory (the 0700 case has its own test).
  await chmod(stateDir, 0o755);
  // As root the programs are copied here, where the postgres user can run them, not to /var/lib/edm.
  systemDir = await mkdtemp(join(tmpdir(), "edm-postgres-system-"));
  await chmod(systemDir, 0o755);
  env = {
    EDM_STATE_DIR: stateDir,
    EDM_POSTGRES_SYSTEM_DIR: systemDir,
    EDM_POSTGRES_PORT: String(await freePort()),
  };
});

afterAll(async () => {
  await stopEmbedded({ stateDir, systemDir, log }).catch(() => {});
  await rm(stateDir, { recursive: true, force: true });
  await rm(systemDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("starts, creates the database, answers select 1, is reused, and stops", async () => {
    const database = `edm_${randomUUID().slice(0, 8)}`;
    const first = await resolveDatabase({ database, embedded: true, env, log });
    expect(first).toMatchObject({ source: "embedded", startedEmbedded: true });
    expect(first.url).toBe(`postgres://postgres:postgres@127.0.0.1:${env.EDM_POSTGRES_PORT}/${database}`);
    expect(await selectOne(first.url)).toBe(1);

    const again = await resolveDatabase({ database, embedded: true, env, log });
    expect(again).toEqual({ ...first, startedEmbedded: false });

    expect(await stopEmbedded({ stateDir, systemDir, log })).toBe(true);
    expect((await probe(first.url, 1_000)).ok).toBe(false);
    expect(await stopEmbedded({ stateDir, systemDir, log })).toBe(false);

    const restarted = await resolveDatabase({ database, embedded: true, env, log });
    expect(restarted.startedEmbedded).toBe(true);
    expect(await selectOne(restarted.url)).toBe(1);
  });

  it("createDatabaseIfMissing creates a database once", async () => {
    const { url } = await resolveDatabase({ embedded: true, env, log });
    const other = new URL(url);
    other.pathname = `/edm_${randomUUID().slice(0, 8)}`;
    expect(await createDatabaseIfMissing(other.toString())).toBe(true);
    expect(await createDatabaseIfMissing(other.toString())).toBe(false);
    expect(await selectOne(other.toString())).toBe(1);
  });

  it("refuses a port held by a server that is not ours", async () => {
    const { url } = await resolveDatabase({ embedded: true, env, log });
    const elsewhere = await mkdtemp(join(tmpdir(), "edm-postgres-other-"));
    try {
      await expect(
        resolveDatabase({ embedded: true, env: { ...env, EDM_STATE_DIR: elsewhere }, log }),
      ).rejects.toThrow(`port ${new URL(url).port} is taken by another PostgreSQL server`);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("embedded PostgreSQL from a directory only its owner may enter", () => {
  // A clone under /root or in any `mktemp -d` directory: as root, the postgres user that runs the server
  // cannot enter it, so the cluster must live elsewhere.
  it("starts, answers and stops", async () => {
    const closed = await mkdtemp(join(tmpdir(), "edm-postgres-closed-"));
    const closedEnv = {
      ...env,
      EDM_STATE_DIR: join(closed, ".local"),
      EDM_POSTGRES_PORT: String(await freePort()),
    };
    try {
      const started = await resolveDatabase({ embedded: true, env: closedEnv, log });
      expect(started).toMatchObject({ source: "embedded", startedEmbedded: true });
      expect(await selectOne(started.url)).toBe(1);
      expect(await stopEmbedded({ stateDir: join(closed, ".local"), systemDir, log })).toBe(true);
    } finally {
      await stopEmbedded({ stateDir: join(closed, ".local"), systemDir, log }).catch(() => {});
      await rm(closed, { recursive: true, force: true });
    }
  });

  it("fails at once, saying what to do, when the server cannot be set up", async () => {
    const closed = await mkdtemp(join(tmpdir(), "edm-postgres-closed-"));
    // As root: a system directory the postgres user cannot enter. Otherwise: a state directory we cannot write.
    const unusable = isRoot()
      ? { ...env, EDM_STATE_DIR: join(closed, "state"), EDM_POSTGRES_SYSTEM_DIR: join(closed, "system") }
      : { ...env, EDM_STATE_DIR: join(closed, "state") };
    if (!isRoot()) await chmod(closed, 0o500);
    try {
      await expect(resolveDatabase({ embedded: true, env: unusable, log })).rejects.toThrow(
        /set (EDM_POSTGRES_SYSTEM_DIR|EDM_STATE_DIR) to .*, or set DATABASE_URL/,
      );
    } finally {
      await chmod(closed, 0o700);
      await rm(closed, { recursive: true, force: true });
    }
  });
});

describe("resolveDatabase", () => {
  it("returns DATABASE_URL untouched when it is given", async () => {
    const given = "postgres://someone:secret@db.example.com:5432/edm?sslmode=no-verify";
    expect(await resolveDatabase({ env: { DATABASE_URL: given }, log })).toEqual({
      url: given,
      source: "DATABASE_URL",
      startedEmbedded: false,
    });
  });
});
