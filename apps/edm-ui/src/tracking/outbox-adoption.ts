import { type ListableStorage, storageKeys } from "./key-value-storage";
import { isOutboxKey, type QueuedEvent, takeStoredOutbox } from "./outbox";
import type { OutboxOwnership } from "./outbox-ownership";

export interface OutboxAdoptionOptions {
  storage: ListableStorage;
  ownership: OutboxOwnership;
  /** This tab's outbox, never adopted by itself. */
  ownKey: string;
  /** Takes the events of a tab that is gone into this tab's outbox, to send them. */
  adopt: (events: QueuedEvent[]) => void;
  log: Pick<Console, "warn">;
}

export interface OutboxAdoption {
  /** Another tab wrote `key` (a storage event): if it is an outbox, adopt it once its tab is gone. */
  notice(key: string | null): void;
}

/**
 * Watches every other tab's outbox, from now on and already in storage, and adopts each one once its
 * tab is gone: a closed tab, a reload (a page gets a new outbox) or a crash leave no event unsent.
 */
export function adoptOrphanedOutboxes(options: OutboxAdoptionOptions): OutboxAdoption {
  const { storage, ownership, ownKey, adopt, log } = options;
  const watched = new Set<string>();
  const watch = (key: string) => {
    if (key === ownKey || watched.has(key) || !isOutboxKey(key)) return;
    watched.add(key);
    ownership.whenOrphaned(key, () => {
      watched.delete(key);
      const events = takeStoredOutbox(storage, key, log);
      if (events.length > 0) adopt(events);
    });
  };
  for (const key of storageKeys(storage)) watch(key);
  return {
    notice(key) {
      if (key !== null) watch(key);
    },
  };
}
