import { captureLogs } from "@edm/runtime";
import { eventually } from "@edm/testkit";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { backoffDelayMs, type RetryContext, retryWhileDatabaseFails } from "./retry-database";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

function context(overrides: Partial<RetryContext> = {}) {
  const logs = captureLogs({ level: "debug" });
  let heartbeats = 0;
  const ctx: RetryContext = {
    where: "edm-ui-click[0]",
    eventPrefix: "stats",
    log: logs.log,
    signal: new AbortController().signal,
    heartbeat: async () => {
      heartbeats += 1;
    },
    // Tiny waits: these tests are about what happens, not when.
    backoff: { firstMs: 1, maxMs: 2 },
    ...overrides,
  };
  return { ctx, logs, heartbeats: () => heartbeats };
}

/** Work that fails with `errors`, one per attempt, then answers `result`. */
function failing<T>(errors: unknown[], result: T) {
  let attempts = 0;
  const work = async () => {
    attempts += 1;
    const error = errors[attempts - 1];
    if (error !== undefined) throw error;
    return result;
  };
  return { work, attempts: () => attempts };
}

describe("retryWhileDatabaseFails", () => {
  it("returns at once when the database answers, and logs nothing", async () => {
    const { ctx, logs } = context();
    expect(await retryWhileDatabaseFails(async () => 42, ctx)).toBe(42);
    expect(logs.lines()).toEqual([]);
  });

  it("retries while PostgreSQL is unreachable, heartbeating, and logs the outage and the recovery once each", async () => {
    const { ctx, logs, heartbeats } = context();
    const { work, attempts } = failing([refused, refused, refused], "stored");
    expect(await retryWhileDatabaseFails(work, ctx)).toBe("stored");
    expect(attempts()).toBe(4);
    expect(heartbeats()).toBeGreaterThanOrEqual(3);
    const told = logs.lines().filter((line) => line.level !== "debug");
    expect(told.map((line) => [line.event, line.msg])).toEqual([
      [
        "stats.database.unreachable",
        expect.stringMatching(
          /^PostgreSQL is unreachable \(connect ECONNREFUSED 127\.0\.0\.1:5432\); counting of edm-ui-click\[0\] waits and retries in \d+\.\d s$/,
        ),
      ],
      [
        "stats.database.recovered",
        "PostgreSQL answers again; counting of edm-ui-click[0] resumed after 3 failed attempt(s)",
      ],
    ]);
  });

  it("logs again when the kind of fault changes", async () => {
    const { ctx, logs } = context();
    const deadlock = new pg.DatabaseError("deadlock detected", 0, "error");
    deadlock.code = "40P01";
    await retryWhileDatabaseFails(failing([refused, deadlock], "ok").work, ctx);
    const warned = logs.lines().filter((line) => line.level === "warn");
    expect(warned.map((line) => line.event)).toEqual(["stats.database.unreachable", "stats.database.failed"]);
    expect(warned[1]?.msg).toMatch(
      /^PostgreSQL could not store a batch \(SQLSTATE 40P01: deadlock detected\)/,
    );
  });

  it("gives up, in the middle of a wait, when the consumer stops", async () => {
    const stop = new AbortController();
    const { ctx, logs } = context({ signal: stop.signal, backoff: { firstMs: 600_000, maxMs: 600_000 } });
    const waiting = retryWhileDatabaseFails(failing([refused], "never").work, ctx);
    await eventually(() => logs.lines().length > 0, { what: "the first failure to be logged" });
    stop.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });

  it("gives up when the heartbeat says the partition was taken by a rebalance", async () => {
    const rebalance = Object.assign(new Error("The group is rebalancing"), { type: "REBALANCE_IN_PROGRESS" });
    const { ctx } = context({
      heartbeat: async () => {
        throw rebalance;
      },
    });
    await expect(retryWhileDatabaseFails(failing([refused], "never").work, ctx)).rejects.toBe(rebalance);
  });
});

describe("backoffDelayMs", () => {
  const backoff = { firstMs: 500, maxMs: 15_000 };

  it("doubles from the first wait up to the cap", () => {
    const ceiling = (failures: number) => backoffDelayMs(failures, backoff, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(ceiling)).toEqual([
      500, 1000, 2000, 4000, 8000, 15000, 15000, 15000,
    ]);
  });

  it("draws between half the ceiling and the ceiling", () => {
    expect(backoffDelayMs(3, backoff, () => 0)).toBe(1000);
    expect(backoffDelayMs(3, backoff, () => 0.5)).toBe(1500);
  });
});
