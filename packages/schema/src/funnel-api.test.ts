import { describe, expect, it } from "vitest";
import { DEFAULT_FUNNEL_HOURS, FunnelQuerySchema, MAX_FUNNEL_HOURS } from "./funnel-api";

describe("FunnelQuerySchema", () => {
  it("reads hours from the query string, 24 by default", () => {
    expect(FunnelQuerySchema.parse({ hours: "6" })).toEqual({ hours: 6 });
    expect(FunnelQuerySchema.parse({})).toEqual({ hours: DEFAULT_FUNNEL_HOURS });
  });

  it.each(["0", "-1", "1.5", "abc", "", String(MAX_FUNNEL_HOURS + 1)])("refuses hours=%j", (hours) => {
    expect(FunnelQuerySchema.safeParse({ hours }).success).toBe(false);
  });
});
