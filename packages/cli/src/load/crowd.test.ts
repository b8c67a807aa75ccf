import { parseEvent, randomUUID } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { createCrowd } from "./crowd";
import { shopEvent } from "./shop-events";

describe("createCrowd", () => {
  it("interleaves visits, each starting at home, and replaces finished ones", () => {
    let id = 0;
    const crowd = createCrowd(Math.random, 20, () => `session-${id++}`);
    const steps = Array.from({ length: 2_000 }, () => crowd.next());
    const sessions = new Set(steps.map((step) => step.sessionId));
    expect(sessions.size).toBeGreaterThan(20);
    for (const session of sessions) {
      const first = steps.find((step) => step.sessionId === session);
      expect(first?.action).toEqual({ kind: "pageload", page: "home", path: "/" });
    }
    expect(crowd.finishedVisits()).toBeGreaterThan(0);
  });

  it("makes events the relay's contract accepts, each with its own id", () => {
    const crowd = createCrowd(Math.random, 5, randomUUID);
    const now = Date.now();
    const events = Array.from({ length: 300 }, () =>
      shopEvent(crowd.next(), "http://127.0.0.1:3000", now, randomUUID),
    );
    for (const event of events) expect(parseEvent(event, { now })).toMatchObject({ ok: true });
    expect(new Set(events.map((event) => event.id)).size).toBe(300);
  });
});
