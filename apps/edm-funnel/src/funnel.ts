import { FUNNEL_STEPS, type FunnelStep, funnelDepth } from "@edm/schema";

/** 30 minutes without an event ends a session (the usual web-analytics rule). */
export const SESSION_GAP_MS = 30 * 60_000;

const HOUR_MS = 3_600_000;

/** One event as the funnel sees it: whose, when, and how far it shows the visitor got. */
export interface FunnelEvent {
  visitor: string;
  at: number;
  step: FunnelStep;
}

export interface Session {
  visitor: string;
  start: number;
  end: number;
  /** The furthest step reached in the session. */
  deepest: FunnelStep;
}

/**
 * Splits each visitor's events into sessions: a gap of more than 30 minutes starts a new one. The result
 * depends only on the set of events, not the order they came in.
 */
export function sessionsOf(events: readonly FunnelEvent[], gapMs = SESSION_GAP_MS): Session[] {
  const sorted = [...events].sort((a, b) => a.visitor.localeCompare(b.visitor) || a.at - b.at);
  const sessions: Session[] = [];
  let current: Session | undefined;
  for (const event of sorted) {
    if (current && current.visitor === event.visitor && event.at - current.end <= gapMs) {
      current.end = event.at;
      if (funnelDepth(event.step) > funnelDepth(current.deepest)) current.deepest = event.step;
      continue;
    }
    current = { visitor: event.visitor, start: event.at, end: event.at, deepest: event.step };
    sessions.push(current);
  }
  return sessions;
}

export interface FunnelHour {
  /** The hour the sessions started in, as an ISO 8601 string. */
  hour: string;
  /** Sessions that reached at least each step, in FUNNEL_STEPS' order. */
  sessions: Record<FunnelStep, number>;
  /** Of the sessions at one step, the share that reached the next: viewedProduct/visited, … (0 when none). */
  conversion: Record<Exclude<FunnelStep, "visited">, number>;
}

/** The funnel per hour of session start: how many sessions reached each step, and the conversion between steps. */
export function funnelByHour(sessions: readonly Session[]): FunnelHour[] {
  const hours = new Map<number, number[]>();
  for (const session of sessions) {
    const hour = Math.floor(session.start / HOUR_MS) * HOUR_MS;
    const counts = hours.get(hour) ?? FUNNEL_STEPS.map(() => 0);
    for (let depth = 0; depth <= funnelDepth(session.deepest); depth += 1)
      counts[depth] = (counts[depth] ?? 0) + 1;
    hours.set(hour, counts);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, counts]) => funnelHour(new Date(hour).toISOString(), counts));
}

export function funnelHour(hour: string, counts: readonly number[]): FunnelHour {
  const at = (depth: number) => counts[depth] ?? 0;
  const rate = (depth: number) => (at(depth - 1) === 0 ? 0 : at(depth) / at(depth - 1));
  return {
    hour,
    sessions: { visited: at(0), viewedProduct: at(1), addedToCart: at(2), checkedOut: at(3) },
    conversion: { viewedProduct: rate(1), addedToCart: rate(2), checkedOut: rate(3) },
  };
}
