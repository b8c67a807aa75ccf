import { parseEvent, randomUUID, withEventId } from "@edm/schema";
import { retryDelayMs, waitAfterFailureMs } from "./backoff";
import { type BeaconDeps, sendWithBeacon } from "./beacon";
import type { ShopEvent } from "./events";
import type { Outbox, QueuedEvent } from "./outbox";
import { type FetchLike, type SendOutcome, sendBatch } from "./send-batch";

// Delivers the shop's events to the relay: recorded into the outbox at once, sent in small batches, kept
// and retried with backoff while the relay is away, beaconed when the page goes. Only a confirmed delivery
// or a definite "this event is invalid" takes an event out of the outbox.

export interface TrackerStatus {
  /** Events recorded but not yet confirmed by the relay. */
  pending: number;
  /** idle: nothing waiting; sending: a batch is on its way or due; retrying: the relay did not take the last one. */
  state: "idle" | "sending" | "retrying";
  lastError?: string;
}

export interface Tracker {
  record(event: ShopEvent): void;
  /** Takes in the events of a tab that is gone (see outbox-adoption.ts) and sends them with this tab's. */
  adopt(events: readonly QueuedEvent[]): void;
  /** Sends what is waiting now, batch after batch, until the outbox is empty or the relay fails. */
  flush(): Promise<void>;
  /**
   * For pagehide: hands what is waiting (and not already in flight) to the browser's beacon, keeping it in
   * the outbox until a later visit's fetch confirms it.
   */
  flushWithBeacon(): void;
  /**
   * Forgets the backoff and sends now: the network came back, or the relay's address just became known.
   * A wait the relay asked for (Retry-After) still holds.
   */
  retryNow(): void;
  /** Re-reads the outbox (another tab changed it) and tells subscribers. */
  refresh(): void;
  status(): TrackerStatus;
  subscribe(listener: () => void): () => void;
  stop(): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TrackerOptions {
  outbox: Outbox;
  /** The relay's `/api/events` URL; undefined until the runtime config has loaded. */
  endpoint: () => string | undefined;
  fetch: FetchLike;
  beacon?: BeaconDeps;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  makeId?: () => string;
  log?: Pick<Console, "warn" | "error">;
  /** Sent at once when this many are waiting … */
  batchSize?: number;
  /** … otherwise this long after the first of them, so a burst of clicks travels together. */
  flushDelayMs?: number;
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createTracker(options: TrackerOptions): Tracker {
  const { outbox, endpoint, beacon = {}, timers = globalTimers, log = console } = options;
  const { now = Date.now, random = Math.random, makeId = randomUUID } = options;
  const { batchSize = 20, flushDelayMs = 1_000 } = options;
  const send = (url: string, batch: QueuedEvent[]) => sendBatch(options.fetch, url, batch);

  const listeners = new Set<() => void>();
  /** Ids of a refused batch, sent one by one so that one invalid event cannot hold back the others. */
  const suspects = new Set<string>();
  /** Ids in the batch on its way now (a keepalive fetch, which outlives the page). */
  const inFlight = new Set<string>();
  let snapshot: TrackerStatus = { pending: outbox.size(), state: "idle" };
  let timer: { handle: unknown; at: number } | undefined;
  let sending = false;
  let stopped = false;
  let failures = 0;
  let retryAt = 0;
  /** Until when the relay asked not to be sent anything (its Retry-After on a 429 or 503). */
  let notBefore = 0;
  let lastError: string | undefined;

  function update(): void {
    const pending = outbox.size();
    const state = pending === 0 ? "idle" : failures > 0 ? "retrying" : "sending";
    const next: TrackerStatus =
      lastError && state === "retrying" ? { pending, state, lastError } : { pending, state };
    if (
      next.pending === snapshot.pending &&
      next.state === snapshot.state &&
      next.lastError === snapshot.lastError
    ) {
      return;
    }
    snapshot = next;
    for (const listener of listeners) listener();
  }

  /** Never earlier than the backoff allows; an earlier timer already set wins. */
  function schedule(delayMs: number): void {
    if (stopped) return;
    const at = Math.max(now() + delayMs, retryAt, notBefore);
    if (timer && timer.at <= at) return;
    if (timer) timers.clearTimeout(timer.handle);
    const handle = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, at - now());
    timer = { handle, at };
  }

  function nextBatch(): QueuedEvent[] {
    const waiting = outbox.list();
    const ids = new Set(waiting.map((event) => event.id));
    for (const id of suspects) if (!ids.has(id)) suspects.delete(id);
    const suspect = waiting.find((event) => suspects.has(event.id));
    return suspect ? [suspect] : waiting.slice(0, batchSize);
  }

  /** Applies the relay's answer; false when the loop must wait for a retry. */
  function settle(outcome: SendOutcome, batch: QueuedEvent[]): boolean {
    const ids = batch.map((event) => event.id);
    if (outcome.kind === "delivered") {
      outbox.remove(ids);
      for (const id of ids) suspects.delete(id);
      if (failures > 0)
        log.warn("edm-ui: the relay is reachable again; delivering the events kept meanwhile");
      failures = 0;
      retryAt = 0;
      notBefore = 0;
      lastError = undefined;
      return true;
    }
    if (outcome.kind === "rejected" && batch.length > 1) {
      log.warn(
        `edm-ui: the relay refused a batch of ${batch.length} (${outcome.reason}); resending one by one`,
      );
      for (const id of ids) suspects.add(id);
      return true;
    }
    if (outcome.kind === "rejected") {
      outbox.remove(ids);
      suspects.delete(ids[0] ?? "");
      log.error(
        `edm-ui: dropped an event the relay will never accept (HTTP ${outcome.status}: ${outcome.reason})`,
        batch[0],
      );
      return true;
    }
    failures += 1;
    lastError = outcome.status ? `HTTP ${outcome.status}: ${outcome.reason}` : outcome.reason;
    const delay = waitAfterFailureMs(retryDelayMs(failures, random), outcome.retryAfterMs);
    retryAt = now() + delay;
    if (outcome.retryAfterMs !== undefined) notBefore = retryAt;
    if (failures === 1) {
      log.warn(
        `edm-ui: could not deliver to the relay (${lastError}); keeping ${outbox.size()} events and retrying`,
      );
    }
    schedule(delay);
    return false;
  }

  async function flush(): Promise<void> {
    const url = endpoint();
    if (sending || stopped || !url) return;
    if (now() < Math.max(retryAt, notBefore)) {
      // A timer set before the last failure fired early: wait for the backoff or the relay's Retry-After.
      schedule(0);
      return;
    }
    sending = true;
    try {
      for (let batch = nextBatch(); batch.length > 0 && !stopped; batch = nextBatch()) {
        for (const event of batch) inFlight.add(event.id);
        const outcome = await send(url, batch).finally(() => inFlight.clear());
        const goOn = settle(outcome, batch);
        update();
        if (!goOn) break;
      }
    } finally {
      sending = false;
    }
  }

  function record(event: ShopEvent): void {
    const identified = withEventId(event, makeId);
    const checked = parseEvent(identified, { now: now() });
    if (!checked.ok) {
      // A bug in the shop, not the visitor's doing: the relay would refuse it, so it is not queued.
      log.error("edm-ui: not recording an invalid event", checked.errors, identified);
      return;
    }
    outbox.append(identified);
    update();
    schedule(outbox.size() >= batchSize ? 0 : flushDelayMs);
  }

  if (snapshot.pending > 0) schedule(0);

  return {
    record,
    adopt(events) {
      outbox.adopt(events);
      update();
      schedule(0);
    },
    flush,
    flushWithBeacon() {
      const url = endpoint();
      if (url)
        sendWithBeacon(
          beacon,
          url,
          outbox.list().filter((event) => !inFlight.has(event.id)),
        );
    },
    retryNow() {
      failures = 0;
      retryAt = 0;
      update();
      schedule(0);
    },
    refresh: update,
    status: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      if (timer) timers.clearTimeout(timer.handle);
      timer = undefined;
    },
  };
}
