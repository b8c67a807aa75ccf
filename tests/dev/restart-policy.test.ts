import { describe, expect, it } from "vitest";
import {
  defaultRestartPolicy,
  describeExit,
  nextRestartDelay,
  type RestartPolicy,
} from "../../scripts/dev/restart-policy";

const policy: RestartPolicy = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** The waits before each restart of an app that dies `upForMs` after every start. */
function delays(upForMs: number, restarts: number): number[] {
  const waits: number[] = [];
  let previous: number | undefined;
  for (let i = 0; i < restarts; i++) {
    previous = nextRestartDelay(policy, previous, upForMs);
    waits.push(previous);
  }
  return waits;
}

describe("nextRestartDelay", () => {
  it("restarts after the first wait the first time", () => {
    expect(nextRestartDelay(policy, undefined, 10)).toBe(1_000);
  });

  it("doubles the wait for an app that keeps dying quickly, up to the longest wait", () => {
    expect(delays(500, 8)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("starts over from the first wait once the app stayed up long enough", () => {
    expect(nextRestartDelay(policy, 30_000, 60_000)).toBe(1_000);
    expect(nextRestartDelay(policy, 30_000, 59_999)).toBe(30_000);
  });

  it("has defaults of 1 s doubling to 30 s, reset after a minute up", () => {
    expect(defaultRestartPolicy).toEqual(policy);
  });
});

describe("describeExit", () => {
  it("names the signal that killed the process", () => {
    expect(describeExit(null, "SIGKILL")).toBe("signal SIGKILL");
  });

  it("names the exit code otherwise", () => {
    expect(describeExit(1, null)).toBe("exit code 1");
    expect(describeExit(null, null)).toBe("exit code unknown");
  });
});
