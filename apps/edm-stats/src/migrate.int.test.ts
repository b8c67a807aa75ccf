import { randomUUID } from "node:crypto";
import { classifyDatabaseError } from "@edm/postgres";
import { createTestSchema, type TestSchema } from "@edm/testkit";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate";
import { testLogs } from "./testing/stats-harness";

let schema: TestSchema;
let db: pg.Client;

beforeEach(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "stats_migrate");
  db = new pg.Client({ connectionString: schema.url });
  await db.connect();
});

afterEach(async () => {
  await db.end();
  await schema.drop();
});

const keysIn = async (table: string) =>
  (await db.query<{ key: string }>(`select event_key::text as key from ${table} order by 1`)).rows.map(
    (row) => row.key,
  );

describe("the event-ids-as-uuid migration", () => {
  it("moves the ids counted before it into processed_event_ids and leaves places as text, and back", async () => {
    const log = testLogs().log;
    await migrate({ databaseUrl: schema.url, log });
    await migrate({ databaseUrl: schema.url, log, direction: "down" });
    const id = randomUUID();
    const place = "kafka:edm-ui-click:0:7";
    await db.query("insert into processed_events (event_key) values ($1), ($2)", [id, place]);

    await migrate({ databaseUrl: schema.url, log });
    expect(await keysIn("processed_event_ids")).toEqual([id]);
    expect(await keysIn("processed_events")).toEqual([place]);

    await migrate({ databaseUrl: schema.url, log, direction: "down" });
    expect(await keysIn("processed_events")).toEqual([id, place].sort());
  });

  it("makes an older release's id claims in processed_events wait as a database fault, never count", async () => {
    await migrate({ databaseUrl: schema.url, log: testLogs().log });
    const olderReleaseClaim = db.query(
      "insert into processed_events (event_key) select unnest($1::text[]) on conflict do nothing returning event_key",
      [[randomUUID()]],
    );
    const error = await olderReleaseClaim.catch((caught: unknown) => caught);
    expect(classifyDatabaseError(error)).toMatchObject({ kind: "failed" });
    expect(String(error)).toMatch(/an older edm-stats is still running/);
    await db.query("insert into processed_events (event_key) values ('kafka:edm-ui-click:0:8')");
    expect(await keysIn("processed_events")).toEqual(["kafka:edm-ui-click:0:8"]);
  });
});
