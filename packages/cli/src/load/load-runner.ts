import { createCrowd } from "./crowd";
import type { LoadPlan } from "./load-options";
import { emptyCounts, type LoadCounts, type LoadSummary, summarize } from "./load-stats";
import { retryDelayMs } from "./retry-delay";
import { type IdentifiedEvent, shopEvent } from "./shop-events";
import type { Random } from "./shopper-model";

export interface RelayAnswer {
  status: number;
  retryAfter: string | null;
  body: string;
}

export interface LoadDeps {
  /** POSTs a JSON body to the relay; throws on a network error or a timeout. */
  post(url: string, body: string): Promise<RelayAnswer>;
  /** A monotonic clock in milliseconds, for pacing and latencies. */
  now(): number;
  /** Milliseconds since the epoch, for the events' event_timestamp. */
  wallClock(): number;
  random: Random;
  newId(): string;
  /** Aborted: stop making events, then finish what is in hand (within the drain time). */
  signal: AbortSignal;
  onProgress(counts: LoadCounts, recentLatencies: readonly number[], elapsedMs: number): void;
}

interface Batch {
  events: IdentifiedEvent[];
  attempt: number;
  dueAt: number;
}

/** The relay refuses these for the batch itself; sending it again cannot succeed (as the shop decides). */
const REFUSED = new Set([400, 413, 422]);
/** Like the shop: a lone event waits about a second for company before it goes. */
const MAX_WAIT_MS = 1_000;
const TICK_MS = 20;
const PROGRESS_EVERY_MS = 250;
/** Shoppers in the shop at once per event/s: a visit's actions come about ten seconds apart. */
const SHOPPERS_PER_EVENT_PER_SECOND = 10;

/**
 * Simulated shoppers, sent the way the shop sends: batches POSTed to /api/events, each event with its
 * id given here, and a batch that meets a 429, a 503 or a network error sent again later with the SAME
 * ids (honouring Retry-After), so the relay and edm-stats can tell a retry from a new event. Memory is
 * bounded: when the relay falls behind, making new events waits.
 */
export async function runLoad(plan: LoadPlan, deps: LoadDeps): Promise<LoadSummary> {
  const url = `${plan.relayUrl}/api/events`;
  const crowd = createCrowd(
    deps.random,
    Math.min(5_000, plan.rate * SHOPPERS_PER_EVENT_PER_SECOND),
    deps.newId,
  );
  const counts = emptyCounts();
  const latencies: number[] = [];
  const queue: { event: IdentifiedEvent; at: number }[] = [];
  const retries: Batch[] = [];
  const maxQueued = Math.max(1_000, plan.rate * 5, plan.batchSize * plan.concurrency * 2);
  const start = deps.now();
  let inFlight = 0;
  let madeUntil: number | undefined;
  let stoppedBecause: string | undefined;
  let firstRefusal: string | undefined;
  let lastProgress = 0;

  const send = async (batch: Batch) => {
    inFlight++;
    counts.requests++;
    if (batch.attempt === 0) counts.sent += batch.events.length;
    else counts.retried += batch.events.length;
    const sentAt = deps.now();
    let failure: { reason: string; retryAfter: string | null };
    try {
      const answer = await deps.post(url, JSON.stringify(batch.events));
      latencies.push(deps.now() - sentAt);
      if (answer.status >= 200 && answer.status < 300) {
        counts.acknowledged += batch.events.length;
        return;
      }
      if (REFUSED.has(answer.status)) {
        counts.refused += batch.events.length;
        firstRefusal ??= `HTTP ${answer.status}: ${answer.body.slice(0, 300)}`;
        return;
      }
      failure = { reason: String(answer.status), retryAfter: answer.retryAfter };
    } catch {
      failure = { reason: "network", retryAfter: null };
    } finally {
      inFlight--;
    }
    counts.failures.set(failure.reason, (counts.failures.get(failure.reason) ?? 0) + 1);
    const delay = retryDelayMs(failure.retryAfter, batch.attempt, deps.random, deps.now());
    retries.push({ events: batch.events, attempt: batch.attempt + 1, dueAt: deps.now() + delay });
  };

  const make = (now: number) => {
    const elapsed = now - start;
    const due = Math.min(plan.events, Math.floor((plan.rate * elapsed) / 1_000) + 1);
    while (counts.made < due && queue.length < maxQueued) {
      queue.push({ event: shopEvent(crowd.next(), plan.shopUrl, deps.wallClock(), deps.newId), at: now });
      counts.made++;
    }
    if (counts.made >= plan.events) return true;
    if (elapsed >= plan.durationMs) {
      stoppedBecause = `the duration (${plan.durationMs / 1_000} s) ended after ${counts.made} of ${plan.events} events: the relay could not keep up with ${plan.rate}/s`;
      return true;
    }
    if (deps.signal.aborted) {
      stoppedBecause = "interrupted";
      return true;
    }
    return false;
  };

  const dispatch = (now: number, making: boolean) => {
    while (inFlight < plan.concurrency) {
      const retryIndex = retries.findIndex((batch) => batch.dueAt <= now);
      if (retryIndex >= 0) {
        void send(retries.splice(retryIndex, 1)[0] as Batch);
        continue;
      }
      const oldest = queue[0];
      const ready =
        oldest !== undefined && (queue.length >= plan.batchSize || !making || now - oldest.at >= MAX_WAIT_MS);
      if (!ready) return;
      const events = queue.splice(0, plan.batchSize).map((entry) => entry.event);
      void send({ events, attempt: 0, dueAt: now });
    }
  };

  for (;;) {
    const now = deps.now();
    if (madeUntil === undefined && make(now)) madeUntil = now;
    dispatch(now, madeUntil === undefined);
    if (now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      deps.onProgress(counts, latencies.slice(-1_000), now - start);
    }
    if (madeUntil !== undefined && queue.length === 0 && retries.length === 0 && inFlight === 0) break;
    if (madeUntil !== undefined && now - madeUntil > plan.drainMs) {
      const left = counts.made - counts.acknowledged - counts.refused;
      stoppedBecause = `${stoppedBecause ? `${stoppedBecause}; ` : ""}gave up on ${left} unacknowledged events after waiting ${plan.drainMs / 1_000} s`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const durationMs = deps.now() - start;
  deps.onProgress(counts, latencies.slice(-1_000), durationMs);
  return summarize(counts, latencies, {
    relay: plan.relayUrl,
    visits: crowd.finishedVisits(),
    durationMs,
    ...(stoppedBecause ? { stoppedBecause } : {}),
    ...(firstRefusal ? { firstRefusal } : {}),
  });
}
