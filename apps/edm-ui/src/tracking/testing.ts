import type { QueuedEvent } from "./outbox";
import type { FetchLike } from "./send-batch";

// Test doubles for the tracking modules: a relay whose answers a test scripts, and a console that records.

export interface FakeRelayCall {
  url: string;
  init: RequestInit;
  events: QueuedEvent[];
  at: number;
}

export type RelayAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | "network-error";

export interface FakeRelay {
  fetch: FetchLike;
  calls: FakeRelayCall[];
  /** Every event id the relay answered 2xx for, in order, repeats included. */
  delivered: string[];
  /** Decides each answer; by default 202. */
  answer: (events: QueuedEvent[]) => RelayAnswer;
}

export function fakeRelay(now: () => number = Date.now): FakeRelay {
  const relay: FakeRelay = {
    calls: [],
    delivered: [],
    answer: () => ({ status: 202 }),
    fetch: async (url, init) => {
      const events = JSON.parse(String(init.body)) as QueuedEvent[];
      relay.calls.push({ url, init, events, at: now() });
      const answer = relay.answer(events);
      if (answer === "network-error") throw new TypeError("Failed to fetch");
      if (answer.status >= 200 && answer.status < 300)
        relay.delivered.push(...events.map((event) => event.id));
      return new Response(JSON.stringify(answer.body ?? {}), {
        status: answer.status,
        headers: answer.headers,
      });
    },
  };
  return relay;
}

export function recordingLog() {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    warn: (...args: unknown[]) => warnings.push(args.map(String).join(" ")),
    error: (...args: unknown[]) => errors.push(args.map(String).join(" ")),
  };
}
