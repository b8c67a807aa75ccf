import type { ShopEvent } from "./events";
import type { KeyValueStorage, ListableStorage } from "./key-value-storage";

// Events wait here, in localStorage, until the relay confirms them: a reload, a crash or a closed tab
// loses nothing. Each tab has an outbox of its own (its own key), and only that tab sends from it, so two
// tabs never send the same event; when a tab is gone, another one adopts what it left (outbox-adoption.ts).
// Storage is the source of truth and is re-read on every change (read, modify, write in one synchronous
// step), so an adoption by another tab is seen at once.

export type QueuedEvent = ShopEvent & { id: string };

export interface Outbox {
  /** Oldest first. */
  list(): QueuedEvent[];
  size(): number;
  append(event: QueuedEvent): void;
  /** Takes in another tab's events, keeping the whole outbox in the order the events happened. */
  adopt(events: readonly QueuedEvent[]): void;
  remove(ids: Iterable<string>): void;
}

export const OUTBOX_KEY_PREFIX = "edm-ui:outbox:v2:";
/** The one outbox all tabs shared before each had its own; still adopted, so an upgrade loses nothing. */
export const LEGACY_OUTBOX_KEY = "edm-ui:outbox:v1";
export const DEFAULT_CAPACITY = 1000;

export function outboxKey(tabId: string): string {
  return `${OUTBOX_KEY_PREFIX}${tabId}`;
}

export function isOutboxKey(key: string): boolean {
  return key.startsWith(OUTBOX_KEY_PREFIX) || key === LEGACY_OUTBOX_KEY;
}

export interface OutboxOptions {
  /** Undefined when the browser has no usable localStorage: events then live as long as the page. */
  storage: KeyValueStorage | undefined;
  /** This tab's key (outboxKey(tabId)). */
  key: string;
  /** Past this many unsent events the oldest are dropped, with a warning. */
  capacity?: number;
  log: Pick<Console, "warn">;
}

export function createOutbox({ storage, key, capacity = DEFAULT_CAPACITY, log }: OutboxOptions): Outbox {
  let memory: QueuedEvent[] | undefined = storage ? undefined : [];
  let cache: { raw: string | null; events: QueuedEvent[] } = { raw: null, events: [] };

  const fallBackToMemory = (events: QueuedEvent[], err: unknown) => {
    log.warn(
      "edm-ui: cannot use localStorage for unsent events; keeping them in memory until the page closes",
      err,
    );
    memory = events;
  };

  const read = (): QueuedEvent[] => {
    if (memory || !storage) return [...(memory ?? [])];
    try {
      const raw = storage.getItem(key);
      if (raw !== cache.raw) cache = { raw, events: parseQueue(raw, log) };
      return [...cache.events];
    } catch (err) {
      fallBackToMemory([], err);
      return [];
    }
  };

  const write = (events: QueuedEvent[]) => {
    if (memory || !storage) {
      memory = events;
      return;
    }
    try {
      const raw = JSON.stringify(events);
      storage.setItem(key, raw);
      cache = { raw, events };
    } catch (err) {
      fallBackToMemory(events, err); // quota exceeded, or storage switched off mid-visit
    }
  };

  const writeWithin = (events: QueuedEvent[]) => {
    const excess = events.length - capacity;
    if (excess > 0) {
      events.splice(0, excess);
      log.warn(
        `edm-ui: ${capacity} events are waiting for the relay; dropped the ${excess} oldest to make room`,
      );
    }
    write(events);
  };

  return {
    list: read,
    size: () => read().length,
    append(event) {
      const events = read();
      events.push(event);
      writeWithin(events);
    },
    adopt(adopted) {
      const events = read();
      const known = new Set(events.map((event) => event.id));
      const merged = [...adopted.filter((event) => !known.has(event.id)), ...events];
      // Stable: events of the same moment keep their order. A reloaded page's session continues in
      // order, the adopted (earlier) events first.
      merged.sort((a, b) => (a.event_timestamp ?? 0) - (b.event_timestamp ?? 0));
      writeWithin(merged);
    },
    remove(ids) {
      const gone = new Set(ids);
      const events = read();
      const kept = events.filter((event) => !gone.has(event.id));
      if (kept.length !== events.length) write(kept);
    },
  };
}

/** Reads and deletes another tab's outbox, in one synchronous step; call it only while owning that key. */
export function takeStoredOutbox(
  storage: ListableStorage,
  key: string,
  log: Pick<Console, "warn">,
): QueuedEvent[] {
  const events = parseQueue(storage.getItem(key), log);
  storage.removeItem(key);
  return events;
}

function parseQueue(raw: string | null, log: Pick<Console, "warn">): QueuedEvent[] {
  if (raw === null || raw === "") return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value)) {
    log.warn("edm-ui: the saved unsent events were unreadable and have been discarded");
    return [];
  }
  const events = value.filter(isQueuedEvent);
  if (events.length < value.length) {
    log.warn(`edm-ui: discarded ${value.length - events.length} unreadable saved event(s)`);
  }
  return events;
}

function isQueuedEvent(value: unknown): value is QueuedEvent {
  if (typeof value !== "object" || value === null) return false;
  const { id, topic, properties } = value as Record<string, unknown>;
  return typeof id === "string" && typeof topic === "string" && typeof properties === "object";
}
