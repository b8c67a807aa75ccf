import type { QueuedEvent } from "./outbox";
import type { FetchLike } from "./send-batch";

// The last chance to send when the page is going away (pagehide): the browser keeps a beacon going after
// the page is gone, but never says whether it arrived. So beaconed events stay in the outbox and are sent
// again, confirmed, on the next visit; their ids make the repeat harmless downstream.

export type SendBeaconLike = (url: string, data: Blob) => boolean;

export interface BeaconDeps {
  sendBeacon?: SendBeaconLike;
  /** Fallback where beacons refuse a JSON body: a keepalive fetch also outlives the page. */
  fetch?: FetchLike;
}

/**
 * Browsers allow about 64 KB of beacon and keepalive bodies in flight per page; the rest is left for a
 * batch that may be on its way as a keepalive fetch.
 */
export const BEACON_BUDGET_BYTES = 48_000;
/** Several smaller bodies rather than one big one, well under any body limit the relay sets. */
export const BEACON_PAYLOAD_BYTES = 16_000;

const encoder = new TextEncoder();

/** Splits events, oldest first, into JSON arrays within the byte budget; the rest waits for the next visit. */
export function beaconPayloads(
  events: readonly QueuedEvent[],
  budgetBytes = BEACON_BUDGET_BYTES,
  payloadBytes = BEACON_PAYLOAD_BYTES,
): QueuedEvent[][] {
  const payloads: QueuedEvent[][] = [];
  let current: QueuedEvent[] = [];
  let currentBytes = 2; // "[]"
  let totalBytes = 0;
  for (const event of events) {
    const bytes = encoder.encode(JSON.stringify(event)).length + 1; // and a comma
    if (totalBytes + bytes + 2 > budgetBytes) break;
    if (current.length > 0 && currentBytes + bytes > payloadBytes) {
      payloads.push(current);
      current = [];
      currentBytes = 2;
    }
    current.push(event);
    currentBytes += bytes;
    totalBytes += bytes + 2;
  }
  if (current.length > 0) payloads.push(current);
  return payloads;
}

/** Hands the events to the browser to send; returns how many it took. Never throws. */
export function sendWithBeacon(deps: BeaconDeps, url: string, events: readonly QueuedEvent[]): number {
  let handedOver = 0;
  for (const payload of beaconPayloads(events)) {
    if (!handOver(deps, url, JSON.stringify(payload))) break;
    handedOver += payload.length;
  }
  return handedOver;
}

function handOver({ sendBeacon, fetch }: BeaconDeps, url: string, body: string): boolean {
  try {
    if (sendBeacon?.(url, new Blob([body], { type: "application/json" }))) return true;
  } catch {
    // Some browsers refuse a beacon whose type needs a CORS preflight; try the fetch below.
  }
  if (!fetch) return false;
  try {
    void fetch(url, {
      method: "POST",
      keepalive: true,
      headers: { "content-type": "application/json" },
      body,
    }).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}
