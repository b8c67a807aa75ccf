import { randomUUID } from "@edm/schema";
import { eventsEndpoint, loadRuntimeConfig } from "../runtime-config";
import { createOutbox, outboxKey } from "./outbox";
import { adoptOrphanedOutboxes } from "./outbox-adoption";
import { heartbeatOwnership, type OutboxOwnership, webLockOwnership } from "./outbox-ownership";
import { sessionId } from "./session";
import { createTracker, type Tracker } from "./tracker";

// Wires the tracker to the real browser: storage, fetch, beacons, locks and the page lifecycle. Only this
// file touches window; everything it wires is tested with fakes.

export interface BrowserTracking {
  sessionId: string;
  tracker: Tracker;
}

function storageOrUndefined(pick: () => Storage): Storage | undefined {
  try {
    return pick();
  } catch {
    return undefined; // blocked by the browser's privacy settings
  }
}

/** Web Locks where the browser has them (secure contexts), else heartbeats in localStorage. */
function ownershipFor(storage: Storage): OutboxOwnership {
  const locks = navigator.locks as LockManager | undefined;
  return locks ? webLockOwnership(locks) : heartbeatOwnership({ storage });
}

export function startBrowserTracking(): BrowserTracking {
  const local = storageOrUndefined(() => window.localStorage);
  // A new outbox per page load, never reused: a reload's old outbox is adopted like any closed tab's.
  const ownKey = outboxKey(randomUUID());
  const ownership = local ? ownershipFor(local) : undefined;
  let endpoint: string | undefined;
  // Nothing is sent before this tab owns its outbox, so no other tab can have adopted what it sends.
  let owned = !ownership;
  const tracker = createTracker({
    outbox: createOutbox({ storage: local, key: ownKey, log: console }),
    endpoint: () => (owned ? endpoint : undefined),
    fetch: (url, init) => window.fetch(url, init),
    beacon: {
      sendBeacon: navigator.sendBeacon ? (url, data) => navigator.sendBeacon(url, data) : undefined,
      fetch: (url, init) => window.fetch(url, init),
    },
  });

  void loadRuntimeConfig({ fetch: (url, init) => window.fetch(url, init) }).then((config) => {
    endpoint = eventsEndpoint(config);
    tracker.retryNow();
  });

  let adoption: ReturnType<typeof adoptOrphanedOutboxes> | undefined;
  if (local && ownership) {
    void ownership.hold(ownKey).then(() => {
      owned = true;
      tracker.retryNow();
      adoption = adoptOrphanedOutboxes({
        storage: local,
        ownership,
        ownKey,
        adopt: (events) => tracker.adopt(events),
        log: console,
      });
    });
  }

  // pagehide is the last event a page reliably gets (unload is not fired on mobile, and blocks bfcache).
  window.addEventListener("pagehide", () => tracker.flushWithBeacon());
  window.addEventListener("online", () => tracker.retryNow());
  window.addEventListener("storage", (event) => {
    if (event.key === ownKey) tracker.refresh();
    else adoption?.notice(event.key);
  });

  return { sessionId: sessionId(storageOrUndefined(() => window.sessionStorage)), tracker };
}
