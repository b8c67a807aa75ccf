import { describe, expect, it } from "vitest";
import { clickEvent } from "./events";
import { memoryStorage } from "./key-value-storage";
import { createOutbox, isOutboxKey, outboxKey, type QueuedEvent, takeStoredOutbox } from "./outbox";
import { recordingLog } from "./testing";

const now = Date.UTC(2026, 0, 15, 12);
const OUTBOX_KEY = outboxKey("tab-a");
let counter = 0;
function queued(buttonId = "the-chemex-kit"): QueuedEvent {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
  return { ...clickEvent({ sessionId: "s", buttonId, now }), id };
}

describe("outbox", () => {
  it("keeps events in storage, oldest first, until they are removed", () => {
    const storage = memoryStorage();
    const outbox = createOutbox({ storage, key: OUTBOX_KEY, log: recordingLog() });
    const [a, b, c] = [queued(), queued(), queued()];
    for (const event of [a, b, c]) outbox.append(event);
    expect(outbox.list()).toEqual([a, b, c]);
    outbox.remove([a.id, c.id]);
    expect(outbox.list()).toEqual([b]);
    expect(JSON.parse(storage.data.get(OUTBOX_KEY) ?? "")).toEqual([b]);
  });

  it("survives a reload: a new outbox on the same storage sees the same events", () => {
    const storage = memoryStorage();
    const event = queued();
    createOutbox({ storage, key: OUTBOX_KEY, log: recordingLog() }).append(event);
    expect(createOutbox({ storage, key: OUTBOX_KEY, log: recordingLog() }).list()).toEqual([event]);
  });

  it("adopts another tab's events in the order they happened, each once", () => {
    const storage = memoryStorage();
    const mine = createOutbox({ storage, key: OUTBOX_KEY, log: recordingLog() });
    const later = { ...queued(), event_timestamp: now + 10 };
    mine.append(later);
    const earlier = { ...queued(), event_timestamp: now };
    mine.adopt([earlier, later]);
    expect(mine.list()).toEqual([earlier, later]);
  });

  it("hands over a stored outbox and deletes it, so that it is adopted once", () => {
    const storage = memoryStorage();
    const key = outboxKey("tab-b");
    const event = queued();
    createOutbox({ storage, key, log: recordingLog() }).append(event);
    expect(takeStoredOutbox(storage, key, recordingLog())).toEqual([event]);
    expect(storage.data.has(key)).toBe(false);
    expect(takeStoredOutbox(storage, key, recordingLog())).toEqual([]);
  });

  it("knows its keys, the shared outbox of earlier versions included", () => {
    expect(isOutboxKey(outboxKey("tab-b"))).toBe(true);
    expect(isOutboxKey("edm-ui:outbox:v1")).toBe(true);
    expect(isOutboxKey("edm-ui:cart:v1")).toBe(false);
  });

  it("drops the oldest events past its capacity, with a warning", () => {
    const log = recordingLog();
    const outbox = createOutbox({ storage: memoryStorage(), key: OUTBOX_KEY, capacity: 3, log });
    const events = [queued(), queued(), queued(), queued(), queued()];
    for (const event of events) outbox.append(event);
    expect(outbox.list()).toEqual(events.slice(2));
    expect(log.warnings).toHaveLength(2);
    expect(log.warnings[0]).toMatch(/dropped the 1 oldest/);
  });

  it("discards unreadable saved data with a warning instead of failing", () => {
    const log = recordingLog();
    const good = queued();
    const storage = memoryStorage({ [OUTBOX_KEY]: JSON.stringify([good, { nonsense: true }, 7]) });
    expect(createOutbox({ storage, key: OUTBOX_KEY, log }).list()).toEqual([good]);
    expect(log.warnings[0]).toMatch(/discarded 2 unreadable/);
    const garbage = memoryStorage({ [OUTBOX_KEY]: "{not json" });
    expect(createOutbox({ storage: garbage, key: OUTBOX_KEY, log }).list()).toEqual([]);
  });

  it("keeps events in memory when storage is full or switched off", () => {
    const log = recordingLog();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
    };
    const outbox = createOutbox({ storage: full, key: OUTBOX_KEY, log });
    const [a, b] = [queued(), queued()];
    outbox.append(a);
    outbox.append(b);
    expect(outbox.list()).toEqual([a, b]);
    expect(log.warnings).toHaveLength(1);
    const none = createOutbox({ storage: undefined, key: OUTBOX_KEY, log });
    none.append(a);
    expect(none.size()).toBe(1);
  });
});
