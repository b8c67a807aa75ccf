import { describe, expect, it } from "vitest";
import { bearerTokenMatches } from "./metrics-token";

const token = "s3cret-token-of-enough-length";

describe("bearerTokenMatches", () => {
  it("accepts the token as a bearer token, whatever the scheme's letter case", () => {
    expect(bearerTokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerTokenMatches(`bearer ${token}`, token)).toBe(true);
  });

  it("refuses a missing header, another scheme, another token, a prefix or an extension of it", () => {
    expect(bearerTokenMatches(undefined, token)).toBe(false);
    expect(bearerTokenMatches("", token)).toBe(false);
    expect(bearerTokenMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerTokenMatches(token, token)).toBe(false);
    expect(bearerTokenMatches("Bearer wrong", token)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${token} extra`, token)).toBe(false);
  });
});
