import { FUNNEL_STEPS } from "@edm/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FunnelEvent, funnelByHour, mergeSessions, SESSION_GAP_MS, sessionsOf } from "./funnel";

const T0 = Date.UTC(2026, 0, 1, 10);
const MINUTE = 60_000;

const event = fc.record({
  visitor: fc.constantFrom("a", "b", "c"),
  at: fc.integer({ min: T0, max: T0 + 6 * 3_600_000 }),
  step: fc.constantFrom(...FUNNEL_STEPS),
});

describe("sessionsOf", () => {
  it("ends a session after 30 minutes without an event, and keeps the furthest step", () => {
    const events: FunnelEvent[] = [
      { visitor: "a", at: T0, step: "visited" },
      { visitor: "a", at: T0 + 10 * MINUTE, step: "addedToCart" },
      { visitor: "a", at: T0 + 40 * MINUTE, step: "visited" },
      { visitor: "a", at: T0 + 71 * MINUTE, step: "viewedProduct" },
    ];
    expect(sessionsOf(events)).toEqual([
      { visitor: "a", start: T0, end: T0 + 40 * MINUTE, deepest: "addedToCart" },
      { visitor: "a", start: T0 + 71 * MINUTE, end: T0 + 71 * MINUTE, deepest: "viewedProduct" },
    ]);
  });

  it("depends on the events only, not their order", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer(), (events, seed) => {
        const shuffled = [...events].sort((x, y) => ((x.at * 31 + seed) % 7) - ((y.at * 31 + seed) % 7));
        expect(sessionsOf(shuffled)).toEqual(sessionsOf(events));
      }),
    );
  });

  it("never leaves a gap over 30 minutes inside a session", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        for (const session of sessionsOf(events)) {
          const times = events
            .filter((e) => e.visitor === session.visitor && e.at >= session.start && e.at <= session.end)
            .map((e) => e.at)
            .sort((x, y) => x - y);
          for (let i = 1; i < times.length; i += 1)
            expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeLessThanOrEqual(SESSION_GAP_MS);
        }
      }),
    );
  });
});

describe("mergeSessions", () => {
  it("merges the stored sessions with a new batch's into the sessions of all the events, however they were split", () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (events, cuts) => {
          // Batches in any order and at any cut: the stored sessions grow one batch at a time.
          const bounds = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => b - a);
          let stored = mergeSessions([]);
          let rest = events;
          for (const bound of bounds) {
            stored = mergeSessions([...stored, ...sessionsOf(rest.slice(bound))]);
            rest = rest.slice(0, bound);
          }
          stored = mergeSessions([...stored, ...sessionsOf(rest)]);
          expect(stored).toEqual(sessionsOf(events));
        },
      ),
    );
  });
});

describe("funnelByHour", () => {
  it("counts sessions reaching each step per hour, never more at a later step, with the conversions", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        for (const hour of funnelByHour(sessionsOf(events))) {
          const counts = FUNNEL_STEPS.map((step) => hour.sessions[step]);
          for (let i = 1; i < counts.length; i += 1)
            expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] ?? 0);
          for (const rate of Object.values(hour.conversion)) expect(rate).toBeLessThanOrEqual(1);
        }
      }),
    );
    const [hour] = funnelByHour([
      { visitor: "a", start: T0, end: T0, deepest: "checkedOut" },
      { visitor: "b", start: T0 + MINUTE, end: T0 + MINUTE, deepest: "visited" },
    ]);
    expect(hour).toEqual({
      hour: "2026-01-01T10:00:00.000Z",
      sessions: { visited: 2, viewedProduct: 1, addedToCart: 1, checkedOut: 1 },
      conversion: { viewedProduct: 0.5, addedToCart: 1, checkedOut: 1 },
    });
  });
});
