/** Retry waits: 1 s, 2 s, 4 s … up to 30 s, each with jitter so many open tabs do not retry in step. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 30_000;

/** `failures` counts consecutive failed attempts (1 after the first). `random` is in [0, 1). */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 16);
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
  // Half fixed, half random: never a burst of instant retries, still spread out.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** The longest the shop obeys a relay's Retry-After: a wrong or hostile header cannot stall it for hours. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** How long to wait after a failure: the backoff, or longer if the relay asked for longer (bounded). */
export function waitAfterFailureMs(backoffMs: number, retryAfterMs: number | undefined): number {
  return Math.max(backoffMs, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
