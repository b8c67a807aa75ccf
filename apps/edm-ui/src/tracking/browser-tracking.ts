import { eventsEndpoint, loadRuntimeConfig } from "../runtime-config";
import { createOutbox, OUTBOX_KEY } from "./outbox";
import { sessionId } from "./session";
import { createTracker, type Tracker } from "./tracker";

// Wires the tracker to the real browser: storage, fetch, beacons and the page lifecycle. Only this file
// touches window; everything it wires is tested with fakes.

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

export function startBrowserTracking(): BrowserTracking {
  const local = storageOrUndefined(() => window.localStorage);
  let endpoint: string | undefined;
  const tracker = createTracker({
    outbox: createOutbox({ storage: local, log: console }),
    endpoint: () => endpoint,
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

  // pagehide is the last event a page reliably gets (unload is not fired on mobile, and blocks bfcache).
  window.addEventListener("pagehide", () => tracker.flushWithBeacon());
  window.addEventListener("online", () => tracker.retryNow());
  window.addEventListener("storage", (event) => {
    if (event.key === OUTBOX_KEY) tracker.refresh();
  });

  return { sessionId: sessionId(storageOrUndefined(() => window.sessionStorage)), tracker };
}
