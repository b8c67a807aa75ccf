import { captureLogs } from "@edm/runtime";
import { createTestSchema, type TestSchema } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPool, type Db, endPool, inTransaction } from "./db";
import { storeIsolatingRefused } from "./isolate-refused";
import { retryWhileDatabaseFails } from "./retry-database";

// A batch too big for statement_timeout, against the real PostgreSQL: it goes through in smaller
// transactions instead of timing out for ever.

const log = captureLogs({ service: "edm-postgres-test", level: "debug" }).log;
let schema: TestSchema;
let db: Db;

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "postgres_too_slow");
  db = createPool(schema.url, { log, application: "edm-postgres test", max: 2, eventPrefix: "test" });
  await db.query("create table stored (item int primary key)");
});

afterAll(async () => {
  await endPool(db, log);
  await schema?.drop();
});

/** 40 ms of work per item, under a statement_timeout of 200 ms: five items at most per transaction. */
const slowStore = (items: readonly number[]) =>
  inTransaction(db, async (client) => {
    await client.query("set local statement_timeout = '200ms'");
    await client.query("select pg_sleep($1::float8)", [0.04 * items.length]);
    const inserted = await client.query(
      "insert into stored select unnest($1::int[]) on conflict do nothing",
      [items],
    );
    return { counted: inserted.rowCount ?? 0, duplicates: items.length - (inserted.rowCount ?? 0) };
  });

describe("a transaction too slow for statement_timeout", () => {
  it("is split until its pieces go through, storing every item once", async () => {
    const items = Array.from({ length: 24 }, (_, index) => index);
    const outcome = await retryWhileDatabaseFails(() => storeIsolatingRefused(items, slowStore), {
      where: "test[0]",
      log,
      eventPrefix: "test",
      signal: new AbortController().signal,
      heartbeat: async () => {},
    });
    expect(outcome).toEqual({ counted: 24, duplicates: 0, refused: [] });
    const { rows } = await db.query<{ n: string }>("select count(*)::text as n from stored");
    expect(rows[0]?.n).toBe("24");
  });
});
