import { describe, expect, it } from "vitest";
import { fillMinutes } from "./minutes";

const t0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

describe("fillMinutes", () => {
  it("fills minutes stats left out with zeros, oldest first", () => {
    const series = fillMinutes(
      [
        { minute: iso(t0 - 120_000), clicks: 2, pageloads: 1 },
        { minute: iso(t0), clicks: 5, pageloads: 0 },
      ],
      t0,
      4,
    );
    expect(series).toEqual([
      { at: t0 - 180_000, clicks: 0, pageloads: 0 },
      { at: t0 - 120_000, clicks: 2, pageloads: 1 },
      { at: t0 - 60_000, clicks: 0, pageloads: 0 },
      { at: t0, clicks: 5, pageloads: 0 },
    ]);
  });

  it("ends at stats' newest minute, not this browser's clock", () => {
    const browserClockAnHourAhead = t0 + 3_600_000;
    const series = fillMinutes([{ minute: iso(t0), clicks: 1, pageloads: 0 }], browserClockAnHourAhead, 2);
    expect(series.map((point) => point.at)).toEqual([t0 - 60_000, t0]);
  });

  it("ends at the current minute when stats sent no minutes", () => {
    const series = fillMinutes([], t0 + 30_000, 3);
    expect(series.map((point) => point.at)).toEqual([t0 - 120_000, t0 - 60_000, t0]);
  });

  it("drops entries not on a minute boundary, and keeps only the window", () => {
    const series = fillMinutes(
      [
        { minute: iso(t0 - 600_000), clicks: 9, pageloads: 9 },
        { minute: iso(t0 + 1), clicks: 9, pageloads: 9 },
        { minute: iso(t0), clicks: 1, pageloads: 0 },
      ],
      t0,
      2,
    );
    expect(series).toEqual([
      { at: t0 - 60_000, clicks: 0, pageloads: 0 },
      { at: t0, clicks: 1, pageloads: 0 },
    ]);
  });
});
