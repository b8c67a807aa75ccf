import { describe, expect, it } from "vitest";
import { createSlowClientPolicy } from "./slow-clients";

function policyAt(start = 0) {
  let time = start;
  const policy = createSlowClientPolicy({ maxQueued: 10, stallTimeoutMs: 1_000, now: () => time });
  return { policy, advance: (ms: number) => (time += ms) };
}

describe("slow-client policy", () => {
  it("sends to every client that keeps up", () => {
    const { policy } = policyAt();
    const review = policy.review(
      [
        { id: "a", queued: 0 },
        { id: "b", queued: 10 },
      ],
      5,
    );
    expect(review.skip.size).toBe(0);
    expect(review.fellBehind).toEqual([]);
    expect(policy.totals()).toEqual({ droppedEvents: 0, clientsBehind: 0, stalledDisconnects: 0 });
  });

  it("skips a client over the limit and reports it only once while it stays behind", () => {
    const { policy, advance } = policyAt();
    const first = policy.review(
      [
        { id: "a", queued: 0 },
        { id: "slow", queued: 11 },
      ],
      5,
    );
    expect([...first.skip]).toEqual(["slow"]);
    expect(first.fellBehind).toEqual([{ id: "slow", queued: 11 }]);

    advance(100);
    const second = policy.review(
      [
        { id: "a", queued: 0 },
        { id: "slow", queued: 40 },
      ],
      3,
    );
    expect([...second.skip]).toEqual(["slow"]);
    expect(second.fellBehind).toEqual([]);
    expect(policy.totals()).toEqual({ droppedEvents: 8, clientsBehind: 1, stalledDisconnects: 0 });
  });

  it("reports a client that caught up, with what it missed", () => {
    const { policy, advance } = policyAt();
    policy.review([{ id: "slow", queued: 50 }], 4);
    advance(300);
    const review = policy.review([{ id: "slow", queued: 2 }], 6);
    expect(review.skip.size).toBe(0);
    expect(review.caughtUp).toEqual([{ id: "slow", dropped: 4, behindMs: 300 }]);
    expect(policy.totals().clientsBehind).toBe(0);
  });

  it("gives up on a client behind for longer than the stall timeout", () => {
    const { policy, advance } = policyAt();
    policy.review([{ id: "stuck", queued: 50 }], 4);
    advance(999);
    expect(policy.review([{ id: "stuck", queued: 60 }], 1).stalled).toEqual([]);
    advance(1);
    const review = policy.review([{ id: "stuck", queued: 70 }], 2);
    expect(review.stalled).toEqual([{ id: "stuck", dropped: 7, behindMs: 1_000, queued: 70 }]);
    expect(review.skip.has("stuck")).toBe(true);
    expect(policy.totals()).toEqual({ droppedEvents: 7, clientsBehind: 0, stalledDisconnects: 1 });
  });

  it("forgets clients that went away while behind", () => {
    const { policy, advance } = policyAt();
    policy.review([{ id: "gone", queued: 50 }], 1);
    policy.review([], 1);
    advance(5_000);
    const review = policy.review([{ id: "gone", queued: 50 }], 1);
    expect(review.stalled).toEqual([]);
    expect(review.fellBehind).toHaveLength(1);
  });
});
