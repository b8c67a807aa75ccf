import { describe, expect, it } from "vitest";
import { RecentIds } from "./recent-ids";

describe("RecentIds", () => {
  it("says whether an id is new", () => {
    const ids = new RecentIds();
    expect(ids.remember("a")).toBe(true);
    expect(ids.remember("b")).toBe(true);
    expect(ids.remember("a")).toBe(false);
  });

  it("forgets the oldest ids past its capacity", () => {
    const ids = new RecentIds(2);
    ids.remember("a");
    ids.remember("b");
    ids.remember("c");
    expect(ids.remember("b")).toBe(false);
    expect(ids.remember("a")).toBe(true);
  });
});
