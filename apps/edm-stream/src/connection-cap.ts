// How many dashboards one edm-stream instance serves at once. Every event is written to every
// dashboard, so the work per event grows with them; past the cap a dashboard is told plainly that this
// instance is full (instead of being served badly, or failing with a bare network error), and retries.

/** What a refused dashboard receives: `message` for people and old clients, the rest for code. */
export interface RefusalData {
  reason: "full";
  message: string;
  limit: number;
  /** A hint: wait about this long before trying again (a client adds jitter). */
  retryAfterMs: number;
}

export const RETRY_AFTER_FULL_MS = 30_000;

export function fullMessage(limit: number): string {
  return `edm-stream is at its limit of ${limit} dashboards; try again shortly`;
}

export function refusalData(limit: number): RefusalData {
  return { reason: "full", message: fullMessage(limit), limit, retryAfterMs: RETRY_AFTER_FULL_MS };
}

/**
 * Connections still in their handshake (engine.io open, namespace not yet joined) count against a
 * backstop a little above the cap, so a client opening raw connections and never joining cannot get
 * round it either.
 */
export function handshakeBackstop(limit: number): number {
  return limit + Math.max(10, Math.ceil(limit / 10));
}

/** Admitted dashboards by id. Counted here, not from socket.io, so simultaneous handshakes cannot overshoot. */
export class ConnectionCap {
  private readonly admitted = new Set<string>();

  constructor(readonly limit: number) {}

  /** True, and counted, if there is room; `release` must be called once the connection ends. */
  tryAdmit(id: string): boolean {
    if (this.admitted.has(id)) return true;
    if (this.admitted.size >= this.limit) return false;
    this.admitted.add(id);
    return true;
  }

  release(id: string): void {
    this.admitted.delete(id);
  }

  get count(): number {
    return this.admitted.size;
  }
}
