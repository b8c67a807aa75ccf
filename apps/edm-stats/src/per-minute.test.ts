import { SUMMARY_MINUTES } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { perMinuteSeries, seriesStart } from "./per-minute";

const NOW = Date.UTC(2024, 0, 1, 12, 30, 45); // 12:30:45Z

describe("perMinuteSeries", () => {
  it("is the last hour, one entry per minute, oldest first, zeros included", () => {
    const series = perMinuteSeries([], NOW);
    expect(series).toHaveLength(SUMMARY_MINUTES);
    expect(series[0]).toEqual({ minute: "2024-01-01T11:31:00.000Z", clicks: 0, pageloads: 0 });
    expect(series.at(-1)).toEqual({ minute: "2024-01-01T12:30:00.000Z", clicks: 0, pageloads: 0 });
  });

  it("puts each stored count in its minute, by topic, and ignores minutes outside the window", () => {
    const series = perMinuteSeries(
      [
        { minute: new Date("2024-01-01T12:30:00Z"), topic: "edm-ui-click", events: 3 },
        { minute: new Date("2024-01-01T12:30:00Z"), topic: "edm-ui-pageload", events: 2 },
        { minute: new Date("2024-01-01T11:31:00Z"), topic: "edm-ui-click", events: 1 },
        { minute: new Date("2024-01-01T11:30:00Z"), topic: "edm-ui-click", events: 99 },
      ],
      NOW,
    );
    expect(series.at(-1)).toMatchObject({ clicks: 3, pageloads: 2 });
    expect(series[0]).toMatchObject({ clicks: 1, pageloads: 0 });
    expect(series.reduce((sum, entry) => sum + entry.clicks, 0)).toBe(4);
  });
});

describe("seriesStart", () => {
  it("is 59 minutes before the current minute", () => {
    expect(seriesStart(NOW).toISOString()).toBe("2024-01-01T11:31:00.000Z");
  });
});
