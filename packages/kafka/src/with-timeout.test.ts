import { afterEach, describe, expect, it, vi } from "vitest";
import { TimeoutError, withTimeout } from "./with-timeout";

describe("withTimeout", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves with the promise's value when it settles in time", async () => {
    await expect(withTimeout(Promise.resolve("done"), 1000, "work")).resolves.toBe("done");
  });

  it("passes the promise's own rejection through", async () => {
    await expect(withTimeout(Promise.reject(new Error("broken")), 1000, "work")).rejects.toThrow("broken");
  });

  it("rejects with a TimeoutError naming the work when the promise never settles", async () => {
    vi.useFakeTimers();
    const waiting = withTimeout(new Promise(() => {}), 250, "Disconnecting the producer");
    const outcome = expect(waiting).rejects.toThrow(new TimeoutError("Disconnecting the producer", 250));
    await vi.advanceTimersByTimeAsync(250);
    await outcome;
    await waiting.catch((error: unknown) => {
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toBe("Disconnecting the producer did not finish within 250 ms");
      expect((error as TimeoutError).timeoutMs).toBe(250);
    });
  });

  it("clears its timer once the promise settles", async () => {
    vi.useFakeTimers();
    await withTimeout(Promise.resolve(1), 10_000, "work");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("refuses a timeout that is negative or not finite", () => {
    expect(() => withTimeout(Promise.resolve(), -1, "work")).toThrow(RangeError);
    expect(() => withTimeout(Promise.resolve(), Number.NaN, "work")).toThrow(RangeError);
    expect(() => withTimeout(Promise.resolve(), Number.POSITIVE_INFINITY, "work")).toThrow(RangeError);
  });
});
