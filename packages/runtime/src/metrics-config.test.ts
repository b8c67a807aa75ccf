import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error";
import { loadMetricsConfig } from "./metrics-config";

describe("loadMetricsConfig", () => {
  it("has no token when METRICS_TOKEN is unset or empty", () => {
    expect(loadMetricsConfig({})).toEqual({});
    expect(loadMetricsConfig({ METRICS_TOKEN: "  " })).toEqual({});
  });

  it("reads the token", () => {
    expect(loadMetricsConfig({ METRICS_TOKEN: "0123456789abcdef" })).toEqual({ token: "0123456789abcdef" });
  });

  it("refuses a short token without quoting it", () => {
    let error: unknown;
    try {
      loadMetricsConfig({ METRICS_TOKEN: "short-one" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain("METRICS_TOKEN");
    expect(String(error)).not.toContain("short-one");
  });
});
