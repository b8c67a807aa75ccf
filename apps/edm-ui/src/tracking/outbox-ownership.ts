import type { ListableStorage } from "./key-value-storage";

// Who may send the events in an outbox: the tab that made it while it lives, then exactly one other tab,
// which adopts them. With the Web Locks API this is exact: a tab holds its outbox's lock for as long as it
// lives (the browser releases it when the tab closes, reloads or crashes), and an adopter waits in the
// lock's queue. Without it (old browsers, pages not served over HTTPS), tabs write a heartbeat and an
// outbox silent for long is adopted: two tabs adopting the same outbox at the same moment could then
// both send it, which the relay's consumers absorb (they deduplicate on the event id).

export interface OutboxOwnership {
  /** Resolves once this tab owns `key`: until it is gone, no other tab sends or adopts that outbox. */
  hold(key: string): Promise<void>;
  /** Runs `adopt` (in one tab only) once the tab owning `key` is gone, or at once if it already is. */
  whenOrphaned(key: string, adopt: () => void): void;
}

/** The part of navigator.locks used here; tests pass an in-memory lock manager. */
export interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

const LOCK_PREFIX = "edm-ui:outbox-owner:";

export function webLockOwnership(locks: LockManagerLike): OutboxOwnership {
  return {
    hold: (key) =>
      new Promise<void>((owned) => {
        locks
          .request(`${LOCK_PREFIX}${key}`, () => {
            owned();
            return new Promise(() => {}); // held until the tab goes
          })
          // A page the browser refuses locks (e.g. a sandboxed frame) still sends its own events: its
          // outbox key is its own, and no other tab can adopt it without the same lock.
          .catch(() => owned());
      }),
    whenOrphaned: (key, adopt) => {
      locks.request(`${LOCK_PREFIX}${key}`, adopt).catch(() => {});
    },
  };
}

/** Hidden tabs may run their timers only once a minute; a heartbeat this old means the tab is gone. */
export const HEARTBEAT_MS = 20_000;
export const ORPHANED_AFTER_MS = 5 * 60_000;
const ALIVE_PREFIX = "edm-ui:outbox-alive:";

export interface HeartbeatDeps {
  storage: ListableStorage;
  now?: () => number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  setTimeout?: (callback: () => void, ms: number) => unknown;
}

export function heartbeatOwnership({
  storage,
  now = Date.now,
  setInterval = globalThis.setInterval,
  setTimeout = globalThis.setTimeout,
}: HeartbeatDeps): OutboxOwnership {
  const aliveKey = (key: string) => `${ALIVE_PREFIX}${key}`;
  return {
    hold: (key) => {
      const beat = () => storage.setItem(aliveKey(key), String(now()));
      beat();
      setInterval(beat, HEARTBEAT_MS);
      return Promise.resolve();
    },
    whenOrphaned: (key, adopt) => {
      const check = () => {
        const lastBeat = Number(storage.getItem(aliveKey(key)) ?? 0);
        if (now() - lastBeat < ORPHANED_AFTER_MS) {
          setTimeout(check, HEARTBEAT_MS);
          return;
        }
        adopt();
        storage.removeItem(aliveKey(key));
      };
      check();
    },
  };
}
