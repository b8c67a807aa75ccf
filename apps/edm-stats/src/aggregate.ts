import { pageOf, TOPICS } from "@edm/schema";
import type { CountableEvent } from "./decode";

// Pure: turns the events of one batch into the rows to add to each aggregate table. Each key appears once
// per table (Postgres refuses an upsert that touches the same row twice in one statement), and rows are
// sorted by key so that two instances upserting overlapping rows lock them in the same order instead of
// deadlocking.

export interface Aggregates {
  clicksByButton: { buttonId: string; clicks: number }[];
  /** `day` is a UTC date, "2018-11-09". */
  eventsByDay: { topic: string; day: string; events: number }[];
  /** `minute` is the ISO timestamp of the minute's start, UTC. */
  eventsByMinute: { minute: string; topic: string; events: number }[];
  loadsByPage: { page: string; loads: number }[];
  sessions: { sessionId: string; firstSeenAt: string }[];
}

const MINUTE_MS = 60_000;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function minuteStart(ms: number): string {
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString();
}

/** The first event of each key; a producer retry can put the same event twice in one batch. */
export function uniqueByKey(events: readonly CountableEvent[]): CountableEvent[] {
  const seen = new Set<string>();
  return events.filter(({ key }) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// Composite keys are joined with a separator that cannot occur in a topic name or an ISO date.
const SEPARATOR = " ";

/**
 * Rows to add for `events`, each of which must be counted (deduplication happened before). Runs for every
 * event of a backlog, so the per-event work is kept to map look-ups: events are bucketed by minute number
 * and turned into dates once per distinct minute, and each distinct URL is parsed once per batch.
 */
export function aggregate(events: readonly CountableEvent[]): Aggregates {
  const clicks = new Map<string, number>();
  /** Per topic: events per minute, keyed by the minute's number since 1970. */
  const minutes = new Map<string, Map<number, number>>();
  const loads = new Map<string, number>();
  const pages = new Map<string, string>();
  const firstSeen = new Map<string, number>();

  for (const { event, occurredAt } of events) {
    let topicMinutes = minutes.get(event.topic);
    if (!topicMinutes) {
      topicMinutes = new Map();
      minutes.set(event.topic, topicMinutes);
    }
    const minute = Math.floor(occurredAt / MINUTE_MS);
    topicMinutes.set(minute, (topicMinutes.get(minute) ?? 0) + 1);
    if (event.topic === TOPICS.click) increment(clicks, event.properties.button_id);
    else {
      const { url } = event.properties;
      let page = pages.get(url);
      if (page === undefined) {
        page = pageOf(url);
        pages.set(url, page);
      }
      increment(loads, page);
    }
    const seen = firstSeen.get(event.uuid);
    if (seen === undefined || occurredAt < seen) firstSeen.set(event.uuid, occurredAt);
  }

  const byDay = new Map<string, number>();
  const byMinute = new Map<string, number>();
  for (const [topic, counts] of minutes) {
    for (const [minute, count] of counts) {
      const start = minute * MINUTE_MS;
      byMinute.set([minuteStart(start), topic].join(SEPARATOR), count);
      const day = [topic, utcDay(start)].join(SEPARATOR);
      byDay.set(day, (byDay.get(day) ?? 0) + count);
    }
  }

  const split = (key: string): [string, string] => {
    const [first = "", second = ""] = key.split(SEPARATOR);
    return [first, second];
  };
  return {
    clicksByButton: sortedEntries(clicks).map(([buttonId, count]) => ({ buttonId, clicks: count })),
    eventsByDay: sortedEntries(byDay).map(([key, count]) => {
      const [topic, day] = split(key);
      return { topic, day, events: count };
    }),
    eventsByMinute: sortedEntries(byMinute).map(([key, count]) => {
      const [minute, topic] = split(key);
      return { minute, topic, events: count };
    }),
    loadsByPage: sortedEntries(loads).map(([page, count]) => ({ page, loads: count })),
    sessions: sortedEntries(firstSeen).map(([sessionId, ms]) => ({
      sessionId,
      firstSeenAt: new Date(ms).toISOString(),
    })),
  };
}
