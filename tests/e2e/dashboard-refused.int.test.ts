// The dashboard's own stream connection (apps/edm-dashboard/src/live/stream-connection.ts) against a
// real edm-stream that is full: it must recognise the refusal, say why and when it retries, and not
// report itself as connected or merely "reconnecting".
import { eventually } from "@edm/testkit";
import { type ConnectionState, connectStream } from "edm-dashboard/live";
import type { RunningStream } from "edm-stream";
import { createTestBed, startTestStream, type TestBed } from "edm-stream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

function recordingHandlers() {
  const states: ConnectionState[] = [];
  const refusals: { problem: string; retryAt: number }[] = [];
  return {
    states,
    refusals,
    handlers: {
      onEvent: () => {},
      onState: (state: ConnectionState) => states.push(state),
      onRefused: (problem: string, retryAt: number) => refusals.push({ problem, retryAt }),
      onReconnected: () => {},
    },
  };
}

describe("a dashboard refused by a full edm-stream", () => {
  let bed: TestBed;
  let stream: RunningStream;
  const disconnects: (() => void)[] = [];

  beforeAll(async () => {
    bed = await createTestBed("dashboard-refused");
    // No Origin header from Node, so the allow-list does not apply; the cap does.
    stream = await startTestStream(bed, "full", { env: { STREAM_MAX_DASHBOARDS: "1" } });
  });

  afterAll(async () => {
    for (const disconnect of disconnects) disconnect();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("says edm-stream is full and when it will try again", async () => {
    const first = recordingHandlers();
    disconnects.push(connectStream(stream.url, first.handlers));
    await eventually(() => first.states.includes("connected"), {
      timeoutMs: 10_000,
      what: "the first dashboard",
    });

    const second = recordingHandlers();
    const before = Date.now();
    disconnects.push(connectStream(stream.url, second.handlers));
    await eventually(() => second.refusals.length > 0, { timeoutMs: 10_000, what: "the refusal" });

    const [refusal] = second.refusals;
    expect(refusal?.problem).toBe("edm-stream is at its limit of 1 dashboards; try again shortly");
    expect(refusal?.retryAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(second.states).not.toContain("connected");
    expect(second.states).not.toContain("reconnecting");
  });
});
