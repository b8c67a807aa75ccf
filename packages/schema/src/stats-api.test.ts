import { describe, expect, it } from "vitest";
import { ClickCountsResponseSchema, ClickHistoryResponseSchema } from "./stats-api";

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
