import pg from "pg";
import { describe, expect, it } from "vitest";
import { type StoreOutcome, storeIsolatingRefused } from "./isolate-refused";

/** Stands for PostgreSQL refusing a transaction that holds a "poison" item (pure logic: no database). */
function refusingStore(poison: (item: string) => boolean) {
  const committed: string[] = [];
  const transactions: string[][] = [];
  const store = async (items: readonly string[]): Promise<StoreOutcome> => {
    transactions.push([...items]);
    if (items.some(poison)) {
      const error = new pg.DatabaseError("violates check constraint", 0, "error");
      error.code = "23514";
      throw error;
    }
    const fresh = items.filter((item) => !committed.includes(item));
    committed.push(...fresh);
    return { counted: fresh.length, duplicates: items.length - fresh.length };
  };
  return { store, committed, transactions };
}

const items = (n: number) => Array.from({ length: n }, (_, index) => `e${index}`);

describe("storeIsolatingRefused", () => {
  it("stores a batch PostgreSQL accepts in one transaction", async () => {
    const { store, transactions } = refusingStore(() => false);
    expect(await storeIsolatingRefused(items(8), store)).toEqual({ counted: 8, duplicates: 0, refused: [] });
    expect(transactions).toHaveLength(1);
  });

  it("finds the one refused item, with the database's reason, and stores every other one once", async () => {
    const { store, committed } = refusingStore((item) => item === "e5");
    const outcome = await storeIsolatingRefused(items(13), store);
    expect(outcome.refused).toEqual([{ item: "e5", reason: "SQLSTATE 23514: violates check constraint" }]);
    expect(outcome.counted).toBe(12);
    expect([...committed].sort()).toEqual(
      items(13)
        .filter((item) => item !== "e5")
        .sort(),
    );
  });

  it("finds several refused items, the whole batch if need be", async () => {
    const some = refusingStore((item) => item === "e0" || item === "e6");
    expect((await storeIsolatingRefused(items(7), some.store)).refused.map(({ item }) => item)).toEqual([
      "e0",
      "e6",
    ]);
    const all = refusingStore(() => true);
    const outcome = await storeIsolatingRefused(items(4), all.store);
    expect(outcome.refused).toHaveLength(4);
    expect(outcome.counted).toBe(0);
  });

  it("calls `between` before each retry of a half", async () => {
    const { store } = refusingStore((item) => item === "e1");
    let calls = 0;
    await storeIsolatingRefused(items(4), store, async () => {
      calls += 1;
    });
    expect(calls).toBe(2); // [e0..e3] refused → halves; [e0, e1] refused → halves
  });

  it("splits a transaction too slow for statement_timeout until the pieces go through", async () => {
    const committed: string[] = [];
    const sizes: number[] = [];
    // Stands for a database that gets through at most 3 items before statement_timeout.
    const slowStore = async (part: readonly string[]): Promise<StoreOutcome> => {
      sizes.push(part.length);
      if (part.length > 3)
        throw Object.assign(
          new pg.DatabaseError("canceling statement due to statement timeout", 0, "error"),
          { code: "57014" },
        );
      committed.push(...part);
      return { counted: part.length, duplicates: 0 };
    };
    expect(await storeIsolatingRefused(items(10), slowStore)).toEqual({
      counted: 10,
      duplicates: 0,
      refused: [],
    });
    expect(committed).toEqual(items(10));
    expect(sizes).toEqual([10, 5, 3, 2, 5, 3, 2]);
  });

  it("throws when a single item is too slow: nothing is wrong with it, the batch is retried", async () => {
    const timeout = Object.assign(
      new pg.DatabaseError("canceling statement due to statement timeout", 0, "error"),
      { code: "57014" },
    );
    const store = async (): Promise<StoreOutcome> => {
      throw timeout;
    };
    await expect(storeIsolatingRefused(items(3), store)).rejects.toBe(timeout);
  });

  it("throws any other error as it is, for the caller to retry the batch", async () => {
    const lost = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const store = async (): Promise<StoreOutcome> => {
      throw lost;
    };
    await expect(storeIsolatingRefused(items(3), store)).rejects.toBe(lost);
  });

  it("does not call the store for an empty batch", async () => {
    const { store, transactions } = refusingStore(() => false);
    expect(await storeIsolatingRefused([], store)).toEqual({ counted: 0, duplicates: 0, refused: [] });
    expect(transactions).toHaveLength(0);
  });
});
