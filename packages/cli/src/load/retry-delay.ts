/** The longest the load generator waits before sending a batch again, whatever the relay asks. */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * How long to wait before sending a batch again: what the relay's Retry-After asks (seconds or an HTTP
 * date), else 0.5 s doubling per attempt, with jitter so many senders do not return in step.
 */
export function retryDelayMs(
  retryAfter: string | null,
  attempt: number,
  random: () => number,
  now: number,
): number {
  const asked = retryAfterMs(retryAfter, now);
  if (asked !== undefined) return Math.min(MAX_RETRY_DELAY_MS, asked);
  const backoff = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(backoff * (0.5 + random() * 0.5));
}

function retryAfterMs(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
