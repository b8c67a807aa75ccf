import { describe, expect, it } from "vitest";
import {
  ClickCountsResponseSchema,
  ClickHistoryResponseSchema,
  PageloadCountsResponseSchema,
  StatsSummarySchema,
} from "./stats-api";

describe("stats API responses", () => {
  it("accept click counts with the sum as text, as the original dashboard reads them", () => {
    const body = [{ button_id: "the-camper's-kit", sum: "42" }];
    expect(ClickCountsResponseSchema.parse(body)).toEqual(body);
  });

  it.each([42, "4.2", "-1", ""])("refuse the sum %j", (sum) => {
    expect(ClickCountsResponseSchema.safeParse([{ button_id: "b", sum }]).success).toBe(false);
  });

  it.each(["2018-11-09T00:00:00.000Z", "2018-11-09T00:00:00+01:00", "2018-11-09"])(
    "accept the history day %s",
    (Day) => {
      expect(ClickHistoryResponseSchema.parse([{ Day, clicks: "7" }])).toEqual([{ Day, clicks: "7" }]);
    },
  );

  it.each(["yesterday", "2018-13-01", 1541721600000])("refuse the history day %j", (Day) => {
    expect(ClickHistoryResponseSchema.safeParse([{ Day, clicks: "7" }]).success).toBe(false);
  });

  it("refuse clicks given as a number", () => {
    expect(ClickHistoryResponseSchema.safeParse([{ Day: "2018-11-09", clicks: 7 }]).success).toBe(false);
  });
});

describe("page-load counts", () => {
  it("accept a page with a whole number of loads", () => {
    const body = [{ page: "/", loads: 12 }];
    expect(PageloadCountsResponseSchema.parse(body)).toEqual(body);
  });

  it.each(["12", -1, 1.5])("refuse the loads %j (new routes use numbers)", (loads) => {
    expect(PageloadCountsResponseSchema.safeParse([{ page: "/", loads }]).success).toBe(false);
  });
});

describe("summary", () => {
  const summary = {
    totals: { clicks: 3, pageloads: 2, sessions: 1 },
    perMinute: [{ minute: "2018-11-09T19:46:00.000Z", clicks: 0, pageloads: 2 }],
  };

  it("accepts totals and a per-minute series with numbers", () => {
    expect(StatsSummarySchema.parse(summary)).toEqual(summary);
  });

  it("refuses counts written as text", () => {
    const textual = { ...summary, totals: { clicks: "3", pageloads: 2, sessions: 1 } };
    expect(StatsSummarySchema.safeParse(textual).success).toBe(false);
  });

  it("refuses a minute that is not an ISO timestamp", () => {
    const bad = { ...summary, perMinute: [{ minute: "19:46", clicks: 0, pageloads: 0 }] };
    expect(StatsSummarySchema.safeParse(bad).success).toBe(false);
  });
});
