import { randomUUID } from "@edm/schema";
import { describe, expect, it } from "vitest";
import type { LoadPlan } from "./load-options";
import { type RelayAnswer, runLoad } from "./load-runner";

// The runner's decisions against a scripted relay (a small in-process fake; the integration test in
// tests/cli runs it against the real relay and broker).

const plan: LoadPlan = {
  relayUrl: "http://relay.test",
  shopUrl: "http://shop.test",
  rate: 5_000,
  events: 60,
  durationMs: 60_000,
  batchSize: 20,
  concurrency: 2,
  drainMs: 5_000,
};

function scriptedRelay(answers: (RelayAnswer | "network")[]) {
  const bodies: { id: string }[][] = [];
  return {
    bodies,
    post: async (_url: string, body: string): Promise<RelayAnswer> => {
      bodies.push(JSON.parse(body));
      const answer = answers.shift() ?? { status: 202, retryAfter: null, body: "{}" };
      if (answer === "network") throw new TypeError("fetch failed");
      return answer;
    },
  };
}

const deps = (
  post: (url: string, body: string) => Promise<RelayAnswer>,
  signal = new AbortController().signal,
) => ({
  post,
  now: () => performance.now(),
  wallClock: Date.now,
  random: () => 0,
  newId: randomUUID,
  signal,
  onProgress: () => {},
});

describe("runLoad", () => {
  it("sends every event once in batches and counts them acknowledged", async () => {
    const relay = scriptedRelay([]);
    const summary = await runLoad(plan, deps(relay.post));
    expect(summary).toMatchObject({
      made: 60,
      sent: 60,
      acknowledged: 60,
      refused: 0,
      retried: 0,
      unacknowledged: 0,
    });
    expect(relay.bodies.every((body) => body.length <= 20)).toBe(true);
    expect(new Set(relay.bodies.flat().map((event) => event.id)).size).toBe(60);
  });

  it("sends a batch again with the same ids after a 503, a 429 or a network error", async () => {
    const relay = scriptedRelay([
      { status: 503, retryAfter: "0", body: "{}" },
      { status: 429, retryAfter: "0", body: "{}" },
      "network",
    ]);
    const summary = await runLoad({ ...plan, events: 20, concurrency: 1 }, deps(relay.post));
    expect(summary).toMatchObject({
      sent: 20,
      acknowledged: 20,
      retried: 60,
      requests: 4,
      failures: { "503": 1, "429": 1, network: 1 },
    });
    const ids = relay.bodies.map((body) => body.map((event) => event.id).join());
    expect(new Set(ids).size).toBe(1);
  });

  it("does not send a refused batch again", async () => {
    const relay = scriptedRelay([{ status: 400, retryAfter: null, body: '{"error":"bad"}' }]);
    const summary = await runLoad({ ...plan, events: 20, concurrency: 1 }, deps(relay.post));
    expect(summary).toMatchObject({
      refused: 20,
      acknowledged: 0,
      requests: 1,
      firstRefusal: 'HTTP 400: {"error":"bad"}',
    });
  });

  it("gives up after the drain time when the relay never answers well", async () => {
    const down = async (): Promise<RelayAnswer> => ({ status: 503, retryAfter: "0", body: "{}" });
    const summary = await runLoad({ ...plan, events: 5, drainMs: 200 }, deps(down));
    expect(summary.acknowledged).toBe(0);
    expect(summary.unacknowledged).toBe(5);
    expect(summary.stoppedBecause).toMatch(/gave up on 5 unacknowledged events/);
  });

  it("stops making events when interrupted, and reports", async () => {
    const interrupt = new AbortController();
    interrupt.abort();
    const summary = await runLoad(
      { ...plan, rate: 10, events: 1_000 },
      deps(scriptedRelay([]).post, interrupt.signal),
    );
    expect(summary.made).toBeLessThan(1_000);
    expect(summary.acknowledged).toBe(summary.made);
    expect(summary.stoppedBecause).toBe("interrupted");
  });
});
