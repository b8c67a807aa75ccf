import { describe, expect, it } from "vitest";
import { DEFAULT_REFUSAL_WAIT_MS, MAX_REFUSAL_WAIT_MS, readRefusal, refusalWaitMs } from "./stream-refusal";

function connectError(data: unknown): Error & { data?: unknown } {
  return Object.assign(new Error("refused"), { data });
}

describe("readRefusal", () => {
  it("reads edm-stream's 'full' refusal", () => {
    const message = "edm-stream is at its limit of 500 dashboards; try again shortly";
    expect(readRefusal(connectError({ reason: "full", message, limit: 500, retryAfterMs: 30_000 }))).toEqual({
      message,
      retryAfterMs: 30_000,
    });
  });

  it("is undefined for every other connection failure", () => {
    expect(readRefusal(new Error("xhr poll error"))).toBeUndefined();
    expect(readRefusal(connectError({ reason: "other" }))).toBeUndefined();
    expect(readRefusal(connectError("full"))).toBeUndefined();
    expect(readRefusal(undefined)).toBeUndefined();
  });

  it("bounds the wait it is asked for, and has one when none is given", () => {
    expect(readRefusal(connectError({ reason: "full", retryAfterMs: 86_400_000 }))?.retryAfterMs).toBe(
      MAX_REFUSAL_WAIT_MS,
    );
    expect(readRefusal(connectError({ reason: "full", retryAfterMs: -1 }))).toEqual({
      message: "edm-stream is full",
      retryAfterMs: DEFAULT_REFUSAL_WAIT_MS,
    });
  });
});

describe("refusalWaitMs", () => {
  it("waits at least the hint, and at most half again", () => {
    const refusal = { message: "full", retryAfterMs: 30_000 };
    expect(refusalWaitMs(refusal, () => 0)).toBe(30_000);
    expect(refusalWaitMs(refusal, () => 0.999_999)).toBeLessThan(45_001);
  });
});
