import type { QueuedEvent } from "./outbox";
import type { LockManagerLike } from "./outbox-ownership";
import type { FetchLike } from "./send-batch";

// Test doubles for the tracking modules: a relay whose answers a test scripts, a console that records, and
// the Web Locks of one origin shared by several tabs.

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

/**
 * Exclusive, first-come first-served locks shared by the "tabs" of a test, like a browser's
 * navigator.locks for one origin; `close(tab)` releases what that tab held, as closing a tab does.
 */
export function fakeLockManager() {
  const queues = new Map<string, { tab: string; run: () => void }[]>();
  const held = new Map<string, string>();
  const releases = new Map<string, () => void>();

  const grantNext = (name: string) => {
    if (held.has(name)) return;
    const next = queues.get(name)?.shift();
    if (!next) return;
    held.set(name, next.tab);
    next.run();
  };

  const forTab = (tab: string): LockManagerLike => ({
    request: (name, callback) =>
      new Promise((resolve) => {
        const run = () => {
          const release = () => {
            releases.delete(name);
            held.delete(name);
            resolve(undefined);
            grantNext(name);
          };
          releases.set(name, release);
          void Promise.resolve(callback()).then(release);
        };
        queues.set(name, [...(queues.get(name) ?? []), { tab, run }]);
        queueMicrotask(() => grantNext(name));
      }),
  });

  return {
    forTab,
    close(tab: string) {
      for (const [name, owner] of held) if (owner === tab) releases.get(name)?.();
      for (const [name, queue] of queues)
        queues.set(
          name,
          queue.filter((entry) => entry.tab !== tab),
        );
    },
  };
}
