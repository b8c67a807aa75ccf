import { afterEach, describe, expect, it, vi } from "vitest";
import { clickEvent } from "./events";
import type { QueuedEvent } from "./outbox";
import { parseRetryAfter, sendBatch } from "./send-batch";
import { fakeRelay } from "./testing";
import { TRACEPARENT_FORMAT } from "./traceparent";

const URL = "http://relay.test/api/events";
const event: QueuedEvent = {
  ...clickEvent({ sessionId: "s", buttonId: "the-chemex-kit", now: Date.UTC(2026, 0, 1) }),
  id: "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11",
};

afterEach(() => vi.useRealTimers());

describe("sendBatch", () => {
  it("posts the events as a JSON array and reads 2xx as delivered", async () => {
    const relay = fakeRelay();
    expect(await sendBatch(relay.fetch, URL, [event])).toEqual({ kind: "delivered" });
    const [call] = relay.calls;
    expect(call?.url).toBe(URL);
    expect(call?.init.method).toBe("POST");
    expect(new Headers(call?.init.headers).get("content-type")).toBe("application/json");
    expect(call?.events).toEqual([event]);
    expect(call?.init.keepalive).toBe(true);
  });

  it("starts a new trace for each POST, in a traceparent header", async () => {
    const relay = fakeRelay();
    await sendBatch(relay.fetch, URL, [event]);
    await sendBatch(relay.fetch, URL, [event]);
    const sent = relay.calls.map((call) => new Headers(call.init.headers).get("traceparent"));
    expect(sent[0]).toMatch(TRACEPARENT_FORMAT);
    expect(sent[1]).toMatch(TRACEPARENT_FORMAT);
    expect(sent[0]).not.toBe(sent[1]);
  });

  it("reads 400 and 413 as a refusal of the batch, with the relay's reason", async () => {
    const relay = fakeRelay();
    relay.answer = () => ({ status: 400, body: { error: "invalid event", errors: [{ path: "[0].uuid" }] } });
    const outcome = await sendBatch(relay.fetch, URL, [event]);
    expect(outcome).toMatchObject({ kind: "rejected", status: 400 });
    expect(outcome.kind === "rejected" && outcome.reason).toMatch(/invalid event.*\[0\]\.uuid/);
    relay.answer = () => ({ status: 413, body: "too large" });
    expect(await sendBatch(relay.fetch, URL, [event])).toMatchObject({ kind: "rejected", status: 413 });
  });

  it("reads 5xx, 429, other statuses and network errors as try again, honouring Retry-After", async () => {
    const relay = fakeRelay();
    relay.answer = () => ({
      status: 503,
      body: { error: "kafka unavailable" },
      headers: { "retry-after": "5" },
    });
    expect(await sendBatch(relay.fetch, URL, [event])).toEqual({
      kind: "retry",
      status: 503,
      reason: "kafka unavailable",
      retryAfterMs: 5000,
    });
    for (const status of [429, 500, 404, 415]) {
      relay.answer = () => ({ status });
      expect(await sendBatch(relay.fetch, URL, [event])).toMatchObject({ kind: "retry", status });
    }
    relay.answer = () => "network-error";
    expect(await sendBatch(relay.fetch, URL, [event])).toEqual({ kind: "retry", reason: "Failed to fetch" });
  });

  it("gives up on a relay that does not answer in time, to try again later", async () => {
    vi.useFakeTimers();
    const hanging = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    const pending = sendBatch(hanging, URL, [event], 2000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await pending).toEqual({ kind: "retry", reason: "no answer within 2000 ms" });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).toBe(10_000);
  });
});
