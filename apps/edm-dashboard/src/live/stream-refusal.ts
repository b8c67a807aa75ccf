// edm-stream refuses a dashboard when it serves as many as it can, with a connect_error carrying
// `data: { reason: "full", message, retryAfterMs }`. Everything else (network, 403 for an origin) is
// an ordinary connection failure, retried soon.

export interface StreamRefusal {
  message: string;
  retryAfterMs: number;
}

/** Used when the refusal names no wait. */
export const DEFAULT_REFUSAL_WAIT_MS = 30_000;
/** A refused dashboard never waits longer than this, whatever the hint says. */
export const MAX_REFUSAL_WAIT_MS = 5 * 60_000;

export function readRefusal(error: unknown): StreamRefusal | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return undefined;
  const { reason, message, retryAfterMs } = data as Record<string, unknown>;
  if (reason !== "full") return undefined;
  return {
    message: typeof message === "string" && message !== "" ? message : "edm-stream is full",
    retryAfterMs:
      typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) && retryAfterMs > 0
        ? Math.min(retryAfterMs, MAX_REFUSAL_WAIT_MS)
        : DEFAULT_REFUSAL_WAIT_MS,
  };
}

/**
 * The hint plus up to half again at random: refused dashboards, often opened together, then come
 * back spread out instead of all at once. `random` is in [0, 1).
 */
export function refusalWaitMs(refusal: StreamRefusal, random: () => number = Math.random): number {
  return Math.round(refusal.retryAfterMs * (1 + random() / 2));
}
