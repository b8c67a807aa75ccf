import {
  FUNNEL_STEPS,
  type FunnelConversion,
  type FunnelCounts,
  type FunnelHour,
  type FunnelStep,
  funnelDepth,
} from "@edm/schema";

/** 30 minutes without an event ends a session (the usual web-analytics rule). */
export const SESSION_GAP_MS = 30 * 60_000;

export const HOUR_MS = 3_600_000;

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
  return mergeSessions(
    events.map((event) => ({ visitor: event.visitor, start: event.at, end: event.at, deepest: event.step })),
    gapMs,
  );
}

/**
 * Joins a visitor's sessions that come within the gap of each other (overlapping ones included). The
 * sessions stored before and those of a new batch's events, merged, are the sessions of all their events
 * together: this is how the store stays exact whatever order the events arrive in.
 */
export function mergeSessions(sessions: readonly Session[], gapMs = SESSION_GAP_MS): Session[] {
  const sorted = [...sessions].sort(
    (a, b) => (a.visitor < b.visitor ? -1 : a.visitor > b.visitor ? 1 : 0) || a.start - b.start,
  );
  const merged: Session[] = [];
  let current: Session | undefined;
  for (const session of sorted) {
    if (current && current.visitor === session.visitor && session.start - current.end <= gapMs) {
      current.end = Math.max(current.end, session.end);
      if (funnelDepth(session.deepest) > funnelDepth(current.deepest)) current.deepest = session.deepest;
      continue;
    }
    current = { ...session };
    merged.push(current);
  }
  return merged;
}

/** Start of the UTC hour `at` lies in. */
export function hourOf(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

/** The funnel per hour of session start: how many sessions reached each step, and the conversion between steps. */
export function funnelByHour(sessions: readonly Session[]): FunnelHour[] {
  const hours = new Map<number, number[]>();
  for (const session of sessions) {
    const hour = hourOf(session.start);
    const counts = hours.get(hour) ?? FUNNEL_STEPS.map(() => 0);
    for (let depth = 0; depth <= funnelDepth(session.deepest); depth += 1)
      counts[depth] = (counts[depth] ?? 0) + 1;
    hours.set(hour, counts);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, counts]) => funnelHour(new Date(hour).toISOString(), funnelCounts(counts)));
}

/** Sessions reaching at least each step, from counts in FUNNEL_STEPS' order. */
export function funnelCounts(byDepth: readonly number[]): FunnelCounts {
  const at = (depth: number) => byDepth[depth] ?? 0;
  return { visited: at(0), viewedProduct: at(1), addedToCart: at(2), checkedOut: at(3) };
}

/** Of the sessions at each step, the share that reached the next (0 when none were at the step). */
export function conversionOf(counts: FunnelCounts): FunnelConversion {
  const rate = (reached: number, from: number) => (from === 0 ? 0 : reached / from);
  return {
    viewedProduct: rate(counts.viewedProduct, counts.visited),
    addedToCart: rate(counts.addedToCart, counts.viewedProduct),
    checkedOut: rate(counts.checkedOut, counts.addedToCart),
  };
}

export function funnelHour(hour: string, sessions: FunnelCounts): FunnelHour {
  return { hour, sessions, conversion: conversionOf(sessions) };
}
