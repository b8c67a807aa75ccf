import { createPool, endPool } from "@edm/postgres";
import { FUNNEL_STEPS } from "@edm/schema";
import { createTestSchema, type TestSchema } from "@edm/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { KeyedFunnelEvent } from "./decode";
import { funnelByHour, HOUR_MS, hourOf, sessionsOf } from "./funnel";
import { migrateFunnel } from "./migrate";
import { readFunnel } from "./queries";
import { storeFunnelBatch } from "./store";
import { testLogs } from "./testing/funnel-harness";

// The store against the real PostgreSQL: whatever the batches, their order and their redeliveries, the
// funnel read back is the funnel of all the events at once (funnelByHour(sessionsOf(events)), the pure one).

const NOW = hourOf(Date.now()) + 30 * 60_000;
const FROM = NOW - 6 * HOUR_MS;
let schema: TestSchema;
let db: ReturnType<typeof createPool>;
const log = testLogs().log;

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "funnel_store");
  await migrateFunnel({ databaseUrl: schema.url, log });
  db = createPool(schema.url, { log, application: "edm-funnel test", max: 2, eventPrefix: "funnel" });
});

afterAll(async () => {
  await endPool(db, log);
  await schema.drop();
});

const keyedEvent = fc.record({
  key: fc.uuid(),
  visitor: fc.constantFrom("a", "b", "c", "d"),
  at: fc.integer({ min: FROM, max: NOW }),
  step: fc.constantFrom(...FUNNEL_STEPS),
});

describe("storeFunnelBatch", () => {
  it("stores any batches, in any order, redelivered or not, as the sessions of all their events", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(keyedEvent, { selector: (event) => event.key, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (events: KeyedFunnelEvent[], cuts, redeliveries) => {
          await db.query("truncate funnel_sessions, funnel_processed_events");
          const bounds = [
            ...new Set([0, ...cuts.map((cut) => cut % (events.length + 1)), events.length]),
          ].sort((x, y) => x - y);
          const batches = bounds.slice(1).map((end, index) => events.slice(bounds[index], end));
          // Later batches first (late events), then some batches delivered again.
          for (const batch of [...batches].reverse()) await storeFunnelBatch(db, batch);
          for (const index of redeliveries) {
            const again = batches[index % Math.max(batches.length, 1)] ?? [];
            expect((await storeFunnelBatch(db, again)).counted).toBe(0);
          }
          const answer = await readFunnel(db, 7, NOW);
          expect(answer.byHour).toEqual(funnelByHour(sessionsOf(events)));
        },
      ),
      { numRuns: 40 },
    );
  });
});
