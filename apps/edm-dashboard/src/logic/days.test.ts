import { describe, expect, it } from "vitest";
import { clicksPerDay, dayOf } from "./days";

const noonJan15 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe("dayOf", () => {
  it.each([
    ["2018-11-09T00:00:00.000Z", "2018-11-09"],
    ["2018-11-09T00:00:00+01:00", "2018-11-09"],
    ["2018-11-09", "2018-11-09"],
  ])("reads %s as %s", (input, day) => {
    expect(dayOf(input)).toBe(day);
  });
});

describe("clicksPerDay", () => {
  it("zero-fills the days up to today, oldest first", () => {
    const series = clicksPerDay([{ day: "2026-01-13", clicks: 4 }], noonJan15, 0, 4);
    expect(series).toEqual([
      { day: "2026-01-12", clicks: 0 },
      { day: "2026-01-13", clicks: 4 },
      { day: "2026-01-14", clicks: 0 },
      { day: "2026-01-15", clicks: 0 },
    ]);
  });

  it("adds live clicks not yet in the history to today", () => {
    const series = clicksPerDay([{ day: "2026-01-15", clicks: 4 }], noonJan15, 3, 2);
    expect(series.at(-1)).toEqual({ day: "2026-01-15", clicks: 7 });
  });

  it("leaves out days older than the window", () => {
    const series = clicksPerDay([{ day: "2018-11-09", clicks: 40 }], noonJan15, 0, 3);
    expect(series.map((entry) => entry.clicks)).toEqual([0, 0, 0]);
  });

  it("ends on stats' newest day when this browser's clock is behind", () => {
    const series = clicksPerDay([{ day: "2026-01-16", clicks: 2 }], noonJan15, 1, 2);
    expect(series).toEqual([
      { day: "2026-01-15", clicks: 0 },
      { day: "2026-01-16", clicks: 3 },
    ]);
  });

  it("crosses month and year ends", () => {
    const series = clicksPerDay([], Date.UTC(2026, 0, 1, 8), 0, 3);
    expect(series.map((entry) => entry.day)).toEqual(["2025-12-30", "2025-12-31", "2026-01-01"]);
  });
});
