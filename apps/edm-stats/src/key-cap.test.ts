import { describe, expect, it } from "vitest";
import { BUTTON_KEYS, foldPastCap, OTHER_KEY, PAGE_KEYS } from "./key-cap";

const clicks = (...entries: [string, number][]) =>
  entries.map(([buttonId, count]) => ({ buttonId, clicks: count }));

describe("foldPastCap", () => {
  it("keeps known keys and the first new ones that fit, in key order, and counts the rest as (other)", () => {
    const rows = clicks(["d", 1], ["a", 2], ["c", 3], ["b", 4]);
    expect(foldPastCap(BUTTON_KEYS, rows, new Set(["d"]), 1)).toEqual(
      clicks([OTHER_KEY, 7], ["a", 2], ["d", 1]),
    );
  });

  it("adds to an (other) row of the batch itself, and never admits (other) as a new named key", () => {
    const rows = clicks([OTHER_KEY, 5], ["x", 1]);
    expect(foldPastCap(BUTTON_KEYS, rows, new Set(), 0)).toEqual(clicks([OTHER_KEY, 6]));
    expect(foldPastCap(BUTTON_KEYS, rows, new Set(), 1)).toEqual(clicks([OTHER_KEY, 5], ["x", 1]));
  });

  it("changes nothing while there is room, and keeps the total", () => {
    const pages = [
      { page: "/a", loads: 1 },
      { page: "/b", loads: 2 },
    ];
    expect(foldPastCap(PAGE_KEYS, pages, new Set(), 10)).toEqual(pages);
    const folded = foldPastCap(PAGE_KEYS, pages, new Set(), 0);
    expect(folded).toEqual([{ page: OTHER_KEY, loads: 3 }]);
  });
});
