import { describe, expect, it } from "vitest";
import { formatCount, formatDay, formatSecondsAgo, shortSession } from "./format";

describe("formats", () => {
  it("writes counts with separators, and unknown ones as a dash", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(undefined)).toBe("—");
  });

  it("writes a UTC day without shifting it to the viewer's zone", () => {
    expect(formatDay("2026-01-01")).toBe("1 Jan");
  });

  it("labels seconds ago", () => {
    expect(formatSecondsAgo(0)).toBe("now");
    expect(formatSecondsAgo(30)).toBe("−30 s");
  });

  it("shortens a session id", () => {
    expect(shortSession("3c2f8c4e-1a55-4b7a-9d53-6f6f0d1d2b9e")).toBe("3c2f8c4e");
  });
});
