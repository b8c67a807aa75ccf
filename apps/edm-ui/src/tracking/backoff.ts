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
