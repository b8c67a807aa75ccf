import { randomUUID } from "node:crypto";
import { createTestSchema, type TestSchema } from "@edm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { claimKeys, type KeyTable } from "./claim-keys";
import { inTransaction } from "./db";

let schema: TestSchema;
let db: pg.Pool;
const IDS: KeyTable = { table: "ids", type: "uuid" };
const PLACES: KeyTable = { table: "places", type: "text" };

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "claim_keys");
  db = new pg.Pool({ connectionString: schema.url, max: 3 });
  await db.query("create table ids (event_key uuid primary key)");
  await db.query("create table places (event_key text primary key)");
  await db.query("create table counted (n int not null)");
});

afterAll(async () => {
  await db?.end();
  await schema?.drop();
});

/** Claims `keys`, then writes in the same transaction, as a batch counts what it claimed. */
const claimAndCount = (where: KeyTable, keys: string[]) =>
  inTransaction(db, async (client) => {
    const taken = await claimKeys(client, where, keys);
    await client.query("insert into counted (n) values ($1)", [keys.length - taken.size]);
    return taken;
  });

describe("claimKeys", () => {
  it("returns no key when all are new, and the keys taken before when some are, in a transaction that goes on", async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await claimAndCount(IDS, [a, b])).toEqual(new Set());
    expect(await claimAndCount(IDS, [c, b])).toEqual(new Set([b]));
    expect(await claimAndCount(IDS, [a, b, c])).toEqual(new Set([a, b, c]));
    const stored = await db.query<{ key: string }>("select event_key::text as key from ids order by 1");
    expect(stored.rows.map((row) => row.key)).toEqual([a, b, c].sort());
    const { rows } = await db.query<{ total: number }>("select sum(n)::int as total from counted");
    expect(rows[0]?.total).toBe(3);
  });

  it("claims text keys alike", async () => {
    expect(await claimAndCount(PLACES, ["kafka:t:0:1", "kafka:t:0:2"])).toEqual(new Set());
    expect(await claimAndCount(PLACES, ["kafka:t:0:2", "kafka:t:0:3"])).toEqual(new Set(["kafka:t:0:2"]));
  });

  it("makes a second transaction with the same keys wait for the first, then find them taken", async () => {
    const keys = [randomUUID(), randomUUID()];
    const first = await db.connect();
    try {
      await first.query("begin");
      expect(await claimKeys(first, IDS, keys)).toEqual(new Set());
      const second = claimAndCount(IDS, [...keys].reverse());
      await first.query("commit");
      expect(await second).toEqual(new Set(keys));
    } finally {
      first.release();
    }
  });

  it("lets any other error through", async () => {
    await expect(claimAndCount(IDS, ["not-a-uuid"])).rejects.toMatchObject({ code: "22P02" });
  });
});
