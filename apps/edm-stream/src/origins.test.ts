import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origins";

const allowed = ["https://dash.example.com"];

describe("isAllowedOrigin", () => {
  it("lets listed origins and requests without an Origin through", () => {
    expect(isAllowedOrigin(allowed, "https://dash.example.com")).toBe(true);
    expect(isAllowedOrigin(allowed, undefined)).toBe(true);
  });

  it("refuses anything else, including look-alikes and the null origin", () => {
    expect(isAllowedOrigin(allowed, "https://evil.example.com")).toBe(false);
    expect(isAllowedOrigin(allowed, "https://dash.example.com.evil.io")).toBe(false);
    expect(isAllowedOrigin(allowed, "http://dash.example.com")).toBe(false);
    expect(isAllowedOrigin(allowed, "null")).toBe(false);
  });
});
