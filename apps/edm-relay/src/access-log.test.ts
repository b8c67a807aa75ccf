import { describe, expect, it } from "vitest";
import { accessLevel, accessMessage } from "./access-log";

const answered = { method: "POST", url: "/api/events", statusCode: 202, ms: 3.4 };

describe("the access line", () => {
  it("says what was asked, what was answered and how long it took", () => {
    expect(accessMessage(answered)).toBe("POST /api/events answered 202 in 3 ms");
    expect(accessLevel(202, false)).toBe("info");
    expect(accessLevel(429, false)).toBe("info");
  });

  it("makes a 503 (Kafka away, as designed) a warning and any other 5xx an error, without a time", () => {
    expect(accessLevel(503, false)).toBe("warn");
    expect(accessLevel(500, false)).toBe("error");
    expect(accessMessage({ ...answered, statusCode: 503 })).toBe("POST /api/events answered 503");
  });

  it("names the error that broke a response off", () => {
    expect(accessLevel(202, true)).toBe("error");
    expect(accessMessage(answered, new Error("socket hang up"))).toBe(
      "POST /api/events failed with 202: socket hang up",
    );
  });

  it("keeps a long path short", () => {
    expect(accessMessage({ ...answered, url: `/${"x".repeat(500)}` })).toHaveLength(
      "POST ".length + 200 + " answered 202 in 3 ms".length,
    );
  });
});
