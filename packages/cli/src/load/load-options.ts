import { MAX_BATCH_EVENTS } from "@edm/schema";
import { InvalidArgumentError } from "commander";

/** Bounds that keep a typo from flooding a deployment or running all night. */
export const LOAD_LIMITS = {
  maxRate: 5_000,
  maxEvents: 1_000_000,
  maxDurationMs: 3_600_000,
  maxConcurrency: 64,
} as const;

export interface LoadPlan {
  relayUrl: string;
  shopUrl: string;
  /** Events per second. */
  rate: number;
  /** Stop after this many events… */
  events: number;
  /** …or after this long, whichever comes first. */
  durationMs: number;
  batchSize: number;
  concurrency: number;
  /** After the last event is made, how long unacknowledged ones may still be retried. */
  drainMs: number;
}

export interface RawLoadOptions {
  relay: string;
  shop: string;
  rate: number;
  duration?: number;
  events?: number;
  batch: number;
  concurrency: number;
  drain: number;
}

const wholeIn = (what: string, min: number, max: number) => (raw: string) => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
  }
  return value;
};

export const parseRate = wholeIn("the rate (events per second)", 1, LOAD_LIMITS.maxRate);
export const parseEventCount = wholeIn("the number of events", 1, LOAD_LIMITS.maxEvents);
export const parseBatchSize = wholeIn("the batch size", 1, MAX_BATCH_EVENTS);
export const parseConcurrency = wholeIn("the number of requests in flight", 1, LOAD_LIMITS.maxConcurrency);

const UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "90", "90s", "5m", "1h" (a bare number is seconds); at most an hour. */
export function parseDuration(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  const ms = match ? Number(match[1]) * (UNITS_MS[match[2] ?? "s"] ?? 1_000) : Number.NaN;
  if (!(ms >= 1_000 && ms <= LOAD_LIMITS.maxDurationMs)) {
    throw new InvalidArgumentError(
      "the duration must be from 1s to 1h, e.g. 30s, 5m or 1h (a bare number is seconds).",
    );
  }
  return Math.round(ms);
}

export function parseHttpUrl(raw: string): string {
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new InvalidArgumentError(`"${raw}" is not an http:// or https:// URL.`);
  }
  return raw.replace(/\/+$/, "");
}

/**
 * Turns the options into a plan, or says what is wrong. Without --events or --duration it runs a minute;
 * --events alone runs as long as the rate needs, which must stay within the hour.
 */
export function planLoad(
  options: RawLoadOptions,
): { ok: true; plan: LoadPlan } | { ok: false; problem: string } {
  const durationMs =
    options.duration ??
    (options.events === undefined ? 60_000 : Math.ceil((options.events / options.rate) * 1_000));
  if (durationMs > LOAD_LIMITS.maxDurationMs) {
    return {
      ok: false,
      problem: `${options.events} events at ${options.rate}/s would take ${Math.ceil(durationMs / 60_000)} minutes; the limit is an hour: raise --rate or lower --events`,
    };
  }
  const events = options.events ?? Math.max(1, Math.round((options.rate * durationMs) / 1_000));
  return {
    ok: true,
    plan: {
      relayUrl: options.relay,
      shopUrl: options.shop,
      rate: options.rate,
      events,
      durationMs,
      batchSize: options.batch,
      concurrency: options.concurrency,
      drainMs: options.drain,
    },
  };
}
