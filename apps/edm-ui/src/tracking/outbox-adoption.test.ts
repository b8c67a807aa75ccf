import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clickEvent } from "./events";
import { memoryStorage } from "./key-value-storage";
import { createOutbox, LEGACY_OUTBOX_KEY, outboxKey, type QueuedEvent } from "./outbox";
import { adoptOrphanedOutboxes } from "./outbox-adoption";
import { HEARTBEAT_MS, heartbeatOwnership, ORPHANED_AFTER_MS, webLockOwnership } from "./outbox-ownership";
import { fakeLockManager, recordingLog } from "./testing";

let counter = 0;
function queued(): QueuedEvent {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
  return { ...clickEvent({ sessionId: "s", buttonId: "the-chemex-kit", now: Date.now() }), id };
}

/** A tab's outbox with some unsent events in it. */
function tabWithEvents(storage: ReturnType<typeof memoryStorage>, tab: string, count: number) {
  const outbox = createOutbox({ storage, key: outboxKey(tab), log: recordingLog() });
  const events = Array.from({ length: count }, queued);
  for (const event of events) outbox.append(event);
  return events;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("adopting the outboxes of tabs that are gone, with Web Locks", () => {
  it("waits while the other tab lives, then exactly one tab adopts its events", async () => {
    const storage = memoryStorage();
    const locks = fakeLockManager();
    await webLockOwnership(locks.forTab("a")).hold(outboxKey("a"));
    const left = tabWithEvents(storage, "a", 3);

    const adopted: Record<string, QueuedEvent[]> = { b: [], c: [] };
    for (const tab of ["b", "c"] as const) {
      const ownership = webLockOwnership(locks.forTab(tab));
      await ownership.hold(outboxKey(tab));
      adoptOrphanedOutboxes({
        storage,
        ownership,
        ownKey: outboxKey(tab),
        adopt: (events) => adopted[tab]?.push(...events),
        log: recordingLog(),
      });
    }
    await settle();
    expect(adopted).toEqual({ b: [], c: [] });

    locks.close("a");
    await settle();
    expect(adopted).toEqual({ b: left, c: [] });
    expect(storage.data.has(outboxKey("a"))).toBe(false);
  });

  it("adopts the outbox shared by tabs of earlier versions at once, and never its own", async () => {
    const event = queued();
    const storage = memoryStorage({ [LEGACY_OUTBOX_KEY]: JSON.stringify([event]) });
    const locks = fakeLockManager();
    const ownership = webLockOwnership(locks.forTab("b"));
    await ownership.hold(outboxKey("b"));
    tabWithEvents(storage, "b", 1);
    const adopted: QueuedEvent[] = [];
    adoptOrphanedOutboxes({
      storage,
      ownership,
      ownKey: outboxKey("b"),
      adopt: (events) => adopted.push(...events),
      log: recordingLog(),
    });
    await settle();
    expect(adopted).toEqual([event]);
    expect(storage.data.has(outboxKey("b"))).toBe(true);
  });

  it("watches outboxes that appear later, as another tab's storage events tell", async () => {
    const storage = memoryStorage();
    const locks = fakeLockManager();
    const ownership = webLockOwnership(locks.forTab("b"));
    await ownership.hold(outboxKey("b"));
    const adopted: QueuedEvent[] = [];
    const adoption = adoptOrphanedOutboxes({
      storage,
      ownership,
      ownKey: outboxKey("b"),
      adopt: (events) => adopted.push(...events),
      log: recordingLog(),
    });
    await webLockOwnership(locks.forTab("a")).hold(outboxKey("a"));
    const left = tabWithEvents(storage, "a", 2);
    adoption.notice(outboxKey("a"));
    adoption.notice("edm-ui:cart:v1");
    await settle();
    expect(adopted).toEqual([]);
    locks.close("a");
    await settle();
    expect(adopted).toEqual(left);
  });
});

describe("a browser that refuses this page locks", () => {
  it("still lets the tab send its own events", async () => {
    const refusing = { request: () => Promise.reject(new DOMException("no locks here", "SecurityError")) };
    await expect(webLockOwnership(refusing).hold(outboxKey("a"))).resolves.toBeUndefined();
  });
});

describe("adopting without Web Locks: heartbeats", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 15, 12) }));
  afterEach(() => vi.useRealTimers());

  it("adopts an outbox only once its tab has stopped beating for a long while", async () => {
    const storage = memoryStorage();
    let beating: ReturnType<typeof setInterval> | undefined;
    await heartbeatOwnership({
      storage,
      setInterval: (beat, ms) => (beating = setInterval(beat, ms)),
    }).hold(outboxKey("a"));
    const left = tabWithEvents(storage, "a", 2);

    const adopted: QueuedEvent[] = [];
    adoptOrphanedOutboxes({
      storage,
      ownership: heartbeatOwnership({ storage }),
      ownKey: outboxKey("b"),
      adopt: (events) => adopted.push(...events),
      log: recordingLog(),
    });
    await vi.advanceTimersByTimeAsync(2 * ORPHANED_AFTER_MS);
    expect(adopted).toEqual([]);

    clearInterval(beating); // the tab is closed
    await vi.advanceTimersByTimeAsync(ORPHANED_AFTER_MS + HEARTBEAT_MS);
    expect(adopted).toEqual(left);
    expect(storage.data.size).toBe(0);
  });
});
