import { describe, expect, it } from "vitest";
import { MAX_RETRY_MS, retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it("doubles from one second, between half and all of the step", () => {
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 0.999999)).toBe(1000);
    expect(retryDelayMs(2, () => 0)).toBe(1000);
    expect(retryDelayMs(3, () => 0.5)).toBe(3000);
  });

  it("stops growing at thirty seconds", () => {
    expect(retryDelayMs(6, () => 0.999999)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(1000, () => 0.999999)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(0, () => 0)).toBe(500);
  });
});
