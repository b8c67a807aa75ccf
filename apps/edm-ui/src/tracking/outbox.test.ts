import { describe, expect, it } from "vitest";
import { clickEvent } from "./events";
import { memoryStorage } from "./key-value-storage";
import { createOutbox, OUTBOX_KEY, type QueuedEvent } from "./outbox";
import { recordingLog } from "./testing";

const now = Date.UTC(2026, 0, 15, 12);
let counter = 0;
function queued(buttonId = "the-chemex-kit"): QueuedEvent {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
  return { ...clickEvent({ sessionId: "s", buttonId, now }), id };
}

describe("outbox", () => {
  it("keeps events in storage, oldest first, until they are removed", () => {
    const storage = memoryStorage();
    const outbox = createOutbox({ storage, log: recordingLog() });
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
    createOutbox({ storage, log: recordingLog() }).append(event);
    expect(createOutbox({ storage, log: recordingLog() }).list()).toEqual([event]);
  });

  it("does not lose another tab's events: every change re-reads storage", () => {
    const storage = memoryStorage();
    const tabA = createOutbox({ storage, log: recordingLog() });
    const tabB = createOutbox({ storage, log: recordingLog() });
    const [a, b] = [queued(), queued()];
    tabA.append(a);
    tabB.append(b);
    tabA.remove([a.id]);
    expect(tabB.list()).toEqual([b]);
  });

  it("drops the oldest events past its capacity, with a warning", () => {
    const log = recordingLog();
    const outbox = createOutbox({ storage: memoryStorage(), capacity: 3, log });
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
    expect(createOutbox({ storage, log }).list()).toEqual([good]);
    expect(log.warnings[0]).toMatch(/discarded 2 unreadable/);
    const garbage = memoryStorage({ [OUTBOX_KEY]: "{not json" });
    expect(createOutbox({ storage: garbage, log }).list()).toEqual([]);
  });

  it("keeps events in memory when storage is full or switched off", () => {
    const log = recordingLog();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
    };
    const outbox = createOutbox({ storage: full, log });
    const [a, b] = [queued(), queued()];
    outbox.append(a);
    outbox.append(b);
    expect(outbox.list()).toEqual([a, b]);
    expect(log.warnings).toHaveLength(1);
    const none = createOutbox({ storage: undefined, log });
    none.append(a);
    expect(none.size()).toBe(1);
  });
});
