import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe } from "../scripts/postgres/connection";
import { stopEmbedded } from "../scripts/postgres/embedded";
import { createDatabaseIfMissing, resolveDatabase } from "../scripts/postgres/postgres";

// Proves the fallback that developers without a PostgreSQL server rely on: a real embedded server in a
// throw-away state directory on a free port, started, reused, used and stopped.

let stateDir: string;
let env: NodeJS.ProcessEnv;
const log = () => {};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
  // As root the server runs as the postgres system user, which must be able to enter this directory.
  await chmod(stateDir, 0o755);
  env = { EDM_STATE_DIR: stateDir, EDM_POSTGRES_PORT: String(await freePort()) };
});

afterAll(async () => {
  await stopEmbedded({ stateDir, log }).catch(() => {});
  await rm(stateDir, { recursive: true, force: true });
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

    expect(await stopEmbedded({ stateDir, log })).toBe(true);
    expect((await probe(first.url, 1_000)).ok).toBe(false);
    expect(await stopEmbedded({ stateDir, log })).toBe(false);

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
