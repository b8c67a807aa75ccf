import { type ChildProcess, fork } from "node:child_process";
import type { EdmEvent } from "@edm/schema";
import { SOCKET_EVENT, SOCKET_FRAME, STREAM_AUTH_FRAMES } from "@edm/schema";
import { io } from "socket.io-client";
import type { CrowdOrder, CrowdReport } from "./stream-clients";

// The parent's side of stream-clients.ts: dashboards spread over worker processes, and what they
// received summed up.

export interface Crowd {
  /** Stops the crowd and sums up what it received of `sent` events. */
  report(sent: number): Promise<Delivery>;
}

export interface Delivery {
  /** Share of the events sent that reached every dashboard (1 = all of them). */
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function ask<T>(worker: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once("message", (answer) => resolve(answer as T));
    worker.once("exit", (code) => reject(new Error(`a client worker exited (${code})`)));
    worker.send(message);
  });
}

/** Connects `clients` dashboards over `workers` processes; resolves when every one is connected. */
export async function connectCrowd(
  order: Omit<CrowdOrder, "clients"> & { clients: number; workers: number },
): Promise<Crowd> {
  const workers = Array.from({ length: order.workers }, () =>
    fork(new URL("./stream-clients.ts", import.meta.url), { execArgv: ["--import", "tsx"] }),
  );
  await Promise.all(
    workers.map((worker, index) => {
      const clients =
        Math.floor(order.clients / order.workers) + (index < order.clients % order.workers ? 1 : 0);
      return ask(worker, { order: { url: order.url, frames: order.frames, runId: order.runId, clients } });
    }),
  );
  return {
    async report(sent) {
      const reports = await Promise.all(workers.map((worker) => ask<CrowdReport>(worker, { report: true })));
      for (const worker of workers) worker.kill();
      const received = reports.flatMap((report) => report.received).reduce((sum, count) => sum + count, 0);
      const delays = reports[0]?.delays.map((_, ms) =>
        reports.reduce((sum, r) => sum + (r.delays[ms] ?? 0), 0),
      );
      return {
        delivered: received / (sent * order.clients),
        p50Ms: percentileOf(delays ?? [], 50),
        p99Ms: percentileOf(delays ?? [], 99),
        maxMs: percentileOf(delays ?? [], 100),
      };
    },
  };
}

/** The `p`-th percentile of a histogram with one bucket per millisecond. */
function percentileOf(histogram: readonly number[], p: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  let seen = 0;
  for (const [ms, count] of histogram.entries()) {
    seen += count;
    if (count > 0 && seen >= (p / 100) * total) return ms;
  }
  return Number.NaN;
}

/**
 * Calls `send` every 10 ms with the events due by then, so that `rate` events a second go out for
 * `seconds`. Each event carries the time it was handed over in event_timestamp. Resolves with the count.
 */
export async function sendAtRate(
  rate: number,
  seconds: number,
  make: (index: number, now: number) => EdmEvent,
  send: (events: EdmEvent[]) => unknown,
): Promise<number> {
  const total = rate * seconds;
  const began = performance.now();
  let sent = 0;
  const sends: Promise<unknown>[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * rate));
      const now = Date.now();
      const events = Array.from({ length: due - sent }, (_, offset) => make(sent + offset, now));
      sent = due;
      if (events.length > 0) sends.push(Promise.resolve(send(events)));
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  await Promise.all(sends);
  return sent;
}

/**
 * Resolves once one dashboard receives a warm-up event: a new consumer group starts at the newest offsets,
 * resolved only once it has joined, and events produced before that would be missed.
 */
export async function waitUntilStreaming(url: string, sendWarmUp: () => Promise<void>): Promise<void> {
  const probe = io(url, { forceNew: true, transports: ["websocket"], auth: STREAM_AUTH_FRAMES });
  let live = false;
  probe.on(SOCKET_FRAME, () => {
    live = true;
  });
  probe.on(SOCKET_EVENT, () => {
    live = true;
  });
  const deadline = Date.now() + 60_000;
  while (!live) {
    if (Date.now() > deadline) throw new Error("edm-stream sent no warm-up event within 60 s");
    await sendWarmUp();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  probe.close();
}
