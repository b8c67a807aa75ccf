import { describe, expect, it } from "vitest";
import { prependBounded } from "./bounded-log";

describe("prependBounded", () => {
  it("puts the newest entry first", () => {
    expect(prependBounded([2, 1], 3, 5)).toEqual([3, 2, 1]);
  });

  it("drops the oldest entries beyond the capacity", () => {
    let log: number[] = [];
    for (let n = 1; n <= 120; n += 1) log = prependBounded(log, n, 50);
    expect(log).toHaveLength(50);
    expect(log[0]).toBe(120);
    expect(log.at(-1)).toBe(71);
  });

  it("leaves the list it was given alone, so React sees a new array", () => {
    const log = [1];
    expect(prependBounded(log, 2)).not.toBe(log);
    expect(log).toEqual([1]);
  });

  it("keeps nothing with a capacity of zero", () => {
    expect(prependBounded([1], 2, 0)).toEqual([]);
  });
});
