import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clickEvent, pageloadEvent } from "./events";
import { memoryStorage } from "./key-value-storage";
import { createOutbox, outboxKey } from "./outbox";
import { fakeRelay, recordingLog } from "./testing";
import { createTracker, type TrackerOptions } from "./tracker";

const ENDPOINT = "http://relay.test/api/events";
const START = Date.UTC(2026, 0, 15, 12);
const sessionId = "0b7c8c3e-7f43-4a5e-8d5e-9b8f1b2c3d4e";
/** Tests that reload a page keep its outbox key; the browser gives a new one and adopts the old (outbox-adoption.test.ts). */
const OUTBOX_KEY = outboxKey("tab-a");

function click(buttonId = "the-chemex-kit") {
  return clickEvent({ sessionId, buttonId, now: Date.now() });
}

/** A shop page: a tracker over an outbox in `storage`; a second call on the same storage is a reload. */
function page(storage = memoryStorage(), options: Partial<TrackerOptions> = {}) {
  const relay = fakeRelay();
  const log = recordingLog();
  const outbox = createOutbox({ storage, key: OUTBOX_KEY, log });
  const tracker = createTracker({
    outbox,
    endpoint: () => ENDPOINT,
    fetch: relay.fetch,
    now: () => Date.now(),
    random: () => 0,
    log,
    ...options,
  });
  trackers.push(tracker);
  return { relay, log, outbox, tracker, storage };
}

const trackers: { stop(): void }[] = [];
beforeEach(() => vi.useFakeTimers({ now: START }));
afterEach(() => {
  for (const tracker of trackers.splice(0)) tracker.stop();
  vi.useRealTimers();
});

describe("batching", () => {
  it("sends a burst of clicks together, about a second after the first, as one JSON array", async () => {
    const { relay, tracker, outbox } = page();
    tracker.record(click("browse-kits"));
    await vi.advanceTimersByTimeAsync(300);
    tracker.record(click("the-chemex-kit"));
    tracker.record(
      pageloadEvent({ sessionId, page: "home", url: "http://shop.test/", userAgent: "UA", now: Date.now() }),
    );
    expect(tracker.status()).toEqual({ pending: 3, state: "sending" });
    await vi.advanceTimersByTimeAsync(699);
    expect(relay.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.calls).toHaveLength(1);
    expect(relay.calls[0]?.url).toBe(ENDPOINT);
    expect(relay.calls[0]?.events.map((event) => event.topic)).toEqual([
      "edm-ui-click",
      "edm-ui-click",
      "edm-ui-pageload",
    ]);
    expect(outbox.size()).toBe(0);
    expect(tracker.status()).toEqual({ pending: 0, state: "idle" });
  });

  it("gives every event its own UUID before it leaves the browser, so retries are recognisable", async () => {
    const { relay, tracker } = page();
    tracker.record(click());
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(1000);
    const ids = relay.calls[0]?.events.map((event) => event.id) ?? [];
    expect(ids).toHaveLength(2);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it("sends at once when a full batch is waiting, and drains a backlog batch by batch", async () => {
    const { relay, tracker } = page(memoryStorage(), { batchSize: 4 });
    for (let i = 0; i < 10; i += 1) tracker.record(click());
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.calls.map((call) => call.events.length)).toEqual([4, 4, 2]);
    expect(relay.delivered).toHaveLength(10);
  });

  it("does not queue an event the relay would refuse, and says so", async () => {
    const { tracker, log, outbox } = page();
    tracker.record(click(""));
    expect(outbox.size()).toBe(0);
    expect(log.errors[0]).toMatch(/not recording an invalid event/);
  });
});

describe("while the relay is away", () => {
  it("keeps events and retries with growing waits, then delivers each event once", async () => {
    const { relay, tracker, outbox, log } = page();
    relay.answer = () => "network-error";
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(1000); // first try fails
    tracker.record(click());
    expect(tracker.status()).toMatchObject({ pending: 2, state: "retrying", lastError: "Failed to fetch" });
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000); // random() = 0: half of 1 s, 2 s, 4 s
    relay.answer = () => ({ status: 503, body: { error: "kafka unavailable" } });
    await vi.advanceTimersByTimeAsync(4000);
    const tries = relay.calls.map((call) => call.at - START);
    expect(tries).toEqual([1000, 1500, 2500, 4500, 8500]);
    expect(outbox.size()).toBe(2);
    expect(log.warnings.filter((line) => line.includes("could not deliver to the relay"))).toHaveLength(1);

    relay.answer = () => ({ status: 202 });
    await vi.advanceTimersByTimeAsync(8000);
    expect(relay.delivered).toHaveLength(2);
    expect(new Set(relay.delivered).size).toBe(2);
    expect(tracker.status()).toEqual({ pending: 0, state: "idle" });
  });

  it("waits as long as the relay's Retry-After asks, and treats 429 like 503", async () => {
    const { relay, tracker } = page();
    relay.answer = () => ({ status: 429, headers: { "retry-after": "10" } });
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(1000);
    relay.answer = () => ({ status: 202 });
    tracker.record(click()); // a new click does not cut the wait short
    await vi.advanceTimersByTimeAsync(9999);
    expect(relay.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.calls).toHaveLength(2);
    expect(relay.delivered).toHaveLength(2);
  });

  it("keeps the relay's Retry-After even when told the network is back, or a click was waiting", async () => {
    const { relay, tracker, outbox } = page();
    relay.answer = () => ({ status: 503, headers: { "retry-after": "60" } });
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(1000);
    expect(relay.calls).toHaveLength(1);
    relay.answer = () => ({ status: 202 });
    tracker.record(click());
    tracker.retryNow();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(relay.calls).toHaveLength(1);
    expect(outbox.size()).toBe(2); // kept in storage meanwhile
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.delivered).toHaveLength(2);
  });

  it("obeys a Retry-After of at most five minutes", async () => {
    const { relay, tracker } = page();
    relay.answer = () => ({ status: 429, headers: { "retry-after": String(24 * 3600) } });
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(1000);
    relay.answer = () => ({ status: 202 });
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(relay.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.delivered).toHaveLength(1);
  });

  it("retries at once when told the network is back", async () => {
    const { relay, tracker } = page();
    relay.answer = () => "network-error";
    for (let i = 0; i < 4; i += 1) {
      tracker.record(click());
      await vi.advanceTimersByTimeAsync(10_000);
    }
    relay.answer = () => ({ status: 202 });
    const before = relay.calls.length;
    tracker.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.calls).toHaveLength(before + 1);
    expect(relay.delivered).toHaveLength(4);
  });

  it("delivers after a reload what an earlier page could not send, with the same ids", async () => {
    const storage = memoryStorage();
    const first = page(storage);
    first.relay.answer = () => "network-error";
    first.tracker.record(click("the-pour-over-kit"));
    first.tracker.record(click("the-cold-brew-kit"));
    await vi.advanceTimersByTimeAsync(1000);
    const savedIds = first.outbox.list().map((event) => event.id);
    first.tracker.stop(); // the visitor reloads

    const second = page(storage);
    expect(second.tracker.status().pending).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(second.relay.delivered).toEqual(savedIds);
    expect(JSON.parse(storage.data.get(OUTBOX_KEY) ?? "")).toEqual([]);
  });

  it("waits for the relay's address before sending anything", async () => {
    let endpoint: string | undefined;
    const { relay, tracker } = page(memoryStorage(), { endpoint: () => endpoint });
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(5000);
    expect(relay.calls).toHaveLength(0);
    endpoint = ENDPOINT;
    tracker.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.delivered).toHaveLength(1);
  });
});

describe("adopting another tab's events", () => {
  it("sends them at once, with its own, in the order they happened", async () => {
    const { relay, tracker } = page();
    tracker.record(click("mine"));
    const theirs = {
      ...click("theirs"),
      id: "5f0c7d2e-1b3a-4c5d-8e9f-0a1b2c3d4e5f",
      event_timestamp: START - 1,
    };
    tracker.adopt([theirs]);
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.calls).toHaveLength(1);
    expect(relay.calls[0]?.events.map((event) => event.id)[0]).toBe(theirs.id);
    expect(relay.delivered).toHaveLength(2);
  });
});

describe("a batch the relay refuses (400)", () => {
  it("finds the bad event by sending one by one, drops only it, and delivers the rest", async () => {
    const { relay, tracker, log } = page();
    tracker.record(click("the-chemex-kit"));
    tracker.record(click("poison"));
    tracker.record(click("the-cold-brew-kit"));
    // All or nothing, like the relay: e.g. an event its own clock finds too far in the future.
    relay.answer = (events) =>
      events.some((event) => event.topic === "edm-ui-click" && event.properties.button_id === "poison")
        ? { status: 400, body: { error: "invalid event" } }
        : { status: 202 };
    await vi.advanceTimersByTimeAsync(1000);
    expect(relay.calls.map((call) => call.events.length)).toEqual([3, 1, 1, 1]);
    expect(relay.delivered).toHaveLength(2);
    expect(tracker.status()).toEqual({ pending: 0, state: "idle" });
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toMatch(/dropped an event the relay will never accept \(HTTP 400: invalid event\)/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(relay.calls).toHaveLength(4);
  });
});

describe("pagehide", () => {
  it("hands waiting events to sendBeacon as application/json, and keeps them until a fetch confirms", async () => {
    const storage = memoryStorage();
    const beacons: { url: string; body: string; type: string }[] = [];
    const pending: Promise<void>[] = [];
    const sendBeacon = (url: string, data: Blob) => {
      pending.push(data.text().then((body) => void beacons.push({ url, body, type: data.type })));
      return true;
    };
    const first = page(storage, { beacon: { sendBeacon } });
    first.tracker.record(click("the-camper's-kit"));
    first.tracker.record(click("the-french-press-kit"));
    first.tracker.flushWithBeacon();
    first.tracker.stop();
    await Promise.all(pending);
    expect(beacons).toHaveLength(1);
    expect(beacons[0]?.url).toBe(ENDPOINT);
    expect(beacons[0]?.type).toBe("application/json");
    const beaconed = JSON.parse(beacons[0]?.body ?? "[]") as { id: string }[];
    expect(beaconed.map((event) => event.id)).toEqual(first.outbox.list().map((event) => event.id));
    expect(first.relay.calls).toHaveLength(0);

    const next = page(storage); // the next visit resends them; the relay's consumers dedupe by id
    await vi.advanceTimersByTimeAsync(0);
    expect(next.relay.delivered).toEqual(beaconed.map((event) => event.id));
    expect(next.outbox.size()).toBe(0);
  });

  it("leaves out a batch already on its way, which outlives the page as a keepalive fetch", async () => {
    const beaconed: string[] = [];
    let answer: (response: Response) => void = () => undefined;
    const { tracker, outbox } = page(memoryStorage(), {
      fetch: () => new Promise<Response>((resolve) => (answer = resolve)),
      beacon: {
        sendBeacon: (_url, data) => {
          void data
            .text()
            .then((body) => beaconed.push(...JSON.parse(body).map((event: { id: string }) => event.id)));
          return true;
        },
      },
    });
    tracker.record(click("the-chemex-kit"));
    await vi.advanceTimersByTimeAsync(1000); // on its way, no answer yet
    tracker.record(click("the-cold-brew-kit"));
    const notYetSent = outbox.list()[1]?.id;
    tracker.flushWithBeacon();
    await vi.advanceTimersByTimeAsync(0);
    expect(beaconed).toEqual([notYetSent]);
    answer(new Response(null, { status: 202 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.list().map((event) => event.id)).toEqual([notYetSent]);
  });

  it("falls back to a keepalive fetch where a JSON beacon is refused", () => {
    const keepalive: RequestInit[] = [];
    const { tracker } = page(memoryStorage(), {
      beacon: {
        sendBeacon: () => {
          throw new DOMException(
            "sendBeacon() with a Blob whose type is not CORS-safelisted",
            "NotAllowedError",
          );
        },
        fetch: async (_url, init) => {
          keepalive.push(init);
          return new Response(null, { status: 202 });
        },
      },
    });
    tracker.record(click());
    tracker.flushWithBeacon();
    expect(keepalive).toHaveLength(1);
    expect(keepalive[0]?.keepalive).toBe(true);
    expect(tracker.status().pending).toBe(1);
  });
});

describe("status", () => {
  it("tells subscribers when the number of waiting events changes", async () => {
    const { tracker } = page();
    const seen: number[] = [];
    const unsubscribe = tracker.subscribe(() => seen.push(tracker.status().pending));
    tracker.record(click());
    tracker.record(click());
    await vi.advanceTimersByTimeAsync(1000);
    unsubscribe();
    tracker.record(click());
    expect(seen).toEqual([1, 2, 0]);
  });
});
