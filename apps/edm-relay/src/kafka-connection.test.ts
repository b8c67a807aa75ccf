import { captureLogs } from "@edm/runtime";
import { eventually } from "@edm/testkit";
import { describe, expect, it } from "vitest";
import type { Batcher } from "./batcher";
import {
  connectInBackground,
  defaultRetryDelayMs,
  MAX_RETRY_DELAY_MS,
  onceConnected,
} from "./kafka-connection";

/** A producer whose connect() fails until the test lets it succeed. */
function flakyProducer() {
  let reachable = false;
  const calls = { connect: 0, disconnect: 0 };
  return {
    calls,
    letConnect: () => {
      reachable = true;
    },
    producer: {
      connect: async () => {
        calls.connect += 1;
        if (!reachable) throw new Error("connect ECONNREFUSED 127.0.0.1:9");
      },
      disconnect: async () => {
        calls.disconnect += 1;
      },
    },
  };
}

const fakeBatcher = (): Batcher => ({
  submit: async () => {},
  drain: async () => {},
  stats: () => ({
    queuedEvents: 0,
    queuedBytes: 0,
    sendingEvents: 0,
    submittedEvents: 0,
    acknowledgedEvents: 0,
    sends: 0,
    failedSends: 0,
    sendsInFlight: 0,
    maxSendsInFlight: 0,
  }),
});

describe("connectInBackground", () => {
  it("keeps trying until Kafka answers, then reports connected", async () => {
    const { producer, calls, letConnect } = flakyProducer();
    const logs = captureLogs();
    const connection = connectInBackground({ producer, log: logs.log, retryDelayMs: () => 1 });
    await eventually(() => calls.connect >= 3);
    expect(connection.isConnected()).toBe(false);
    letConnect();
    await connection.settled;
    expect(connection.isConnected()).toBe(true);
    const events = logs.lines().map((line) => line.event);
    expect(events).toContain("relay.kafka.unreachable");
    expect(events.at(-1)).toBe("relay.kafka.connected");
    await connection.stop();
    expect(connection.isConnected()).toBe(false);
  });

  it("stops trying when stopped while waiting for the next attempt", async () => {
    const { producer, calls } = flakyProducer();
    const connection = connectInBackground({
      producer,
      log: captureLogs().log,
      retryDelayMs: () => 60_000,
    });
    await eventually(() => calls.disconnect >= 1);
    await connection.stop();
    await connection.settled;
    expect(calls.connect).toBe(1);
    expect(connection.isConnected()).toBe(false);
  });

  it("waits longer after each failure, up to a bound", () => {
    expect(defaultRetryDelayMs(1)).toBe(1_000);
    expect(defaultRetryDelayMs(2)).toBe(2_000);
    expect(defaultRetryDelayMs(50)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe("onceConnected", () => {
  it("refuses events as 'connecting' until connected, then hands them to the batcher", async () => {
    let connected = false;
    const gated = onceConnected(fakeBatcher(), { isConnected: () => connected });
    await expect(gated.submit([])).rejects.toMatchObject({ reason: "connecting" });
    connected = true;
    await expect(gated.submit([])).resolves.toBeUndefined();
  });
});
