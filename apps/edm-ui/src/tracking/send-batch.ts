import type { QueuedEvent } from "./outbox";
import { newTraceparent } from "./traceparent";

// One POST of a batch to the relay, and what its answer means for the events in it.

export type SendOutcome =
  /** The relay has them (it answers only after Kafka acknowledged). */
  | { kind: "delivered" }
  /** The relay refused the batch as invalid: sending the same events again can never succeed. */
  | { kind: "rejected"; status: number; reason: string }
  /** Not now (relay down, overloaded, rate-limited, misrouted): keep them and try again later. */
  | { kind: "retry"; status?: number; retryAfterMs?: number; reason: string };

export type FetchLike = (
  url: string,
  init: RequestInit,
) => Promise<Pick<Response, "status" | "headers" | "text">>;

/** A 400 or 413 names the batch itself; every other failure is about the relay or the network. */
const REJECTED = new Set([400, 413, 422]);

export async function sendBatch(
  fetchFn: FetchLike,
  url: string,
  events: readonly QueuedEvent[],
  timeoutMs = 15_000,
): Promise<SendOutcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetchFn(url, {
      method: "POST",
      // Lets a batch already on its way finish when the visitor leaves the page (pagehide then beacons
      // only what is not in flight, so most events are sent once).
      keepalive: true,
      // Each POST starts a trace the relay and the consumers continue (traceparent.ts).
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        traceparent: newTraceparent(),
      },
      body: JSON.stringify(events),
      signal: abort.signal,
    });
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: "delivered" };
    const reason = await errorText(response);
    if (REJECTED.has(status)) return { kind: "rejected", status, reason };
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    return retryAfterMs === undefined
      ? { kind: "retry", status, reason }
      : { kind: "retry", status, reason, retryAfterMs };
  } catch (err) {
    const reason = abort.signal.aborted ? `no answer within ${timeoutMs} ms` : messageOf(err);
    return { kind: "retry", reason };
  } finally {
    clearTimeout(timer);
  }
}

/** The relay's JSON errors carry `error`; anything else is shown as it came, shortened. */
async function errorText(response: Pick<Response, "status" | "text">): Promise<string> {
  let text = "";
  try {
    text = await response.text();
    const body = JSON.parse(text) as { error?: unknown; errors?: unknown };
    const details = Array.isArray(body.errors) ? ` ${JSON.stringify(body.errors.slice(0, 5))}` : "";
    if (typeof body.error === "string") return `${body.error}${details}`;
  } catch {
    // not JSON
  }
  return text.slice(0, 300) || `HTTP ${response.status}`;
}

/** Retry-After in seconds or as an HTTP date; only readable when the relay exposes it through CORS. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
