import { describe, expect, it } from "vitest";
import { DashboardStore } from "./dashboard-store";
import type { StatsHistory } from "./stats-history";

const t0 = Date.UTC(2026, 0, 15, 12, 0, 0);

function click(id: string, buttonId: string) {
  return {
    topic: "edm-ui-click",
    id,
    uuid: "session-1",
    event_timestamp: t0,
    properties: { button_id: buttonId, description: "Add to Cart" },
  };
}

function pageload(id: string, url: string) {
  return {
    topic: "edm-ui-pageload",
    id,
    uuid: "session-1",
    event_timestamp: t0,
    properties: { url, user_agent: "test", description: "page loaded" },
  };
}

function history(clicks: Record<string, number>, pages: Record<string, number> = {}): StatsHistory {
  const clickTotal = Object.values(clicks).reduce((a, b) => a + b, 0);
  const loadTotal = Object.values(pages).reduce((a, b) => a + b, 0);
  return {
    clicksByButton: new Map(Object.entries(clicks)),
    clickDays: clickTotal ? [{ day: "2026-01-15", clicks: clickTotal }] : [],
    pageloadsByPage: new Map(Object.entries(pages)),
    summary: { totals: { clicks: clickTotal, pageloads: loadTotal, sessions: 1 }, perMinute: [] },
  };
}

function storeAt(start = t0) {
  const clock = { now: start };
  const store = new DashboardStore(() => clock.now);
  return { store, clock };
}

describe("DashboardStore", () => {
  it("is loading until stats first answers, then empty when nothing has happened yet", () => {
    const { store } = storeAt();
    expect(store.view().phase).toBe("loading");
    store.historyLoaded(history({}), t0);
    expect(store.view().phase).toBe("empty");
    expect(store.view().stats).toEqual({ state: "connected", updatedAt: t0 });
  });

  it("stops waiting for a stats that is down, keeping the reason", () => {
    const { store } = storeAt();
    store.historyFailed("edm-stats is unreachable at http://stats.test");
    expect(store.view().phase).toBe("empty");
    expect(store.view().stats.state).toBe("reconnecting");
    expect(store.view().stats.problem).toMatch(/unreachable/);
  });

  it("shows live clicks at once, merged into the totals, without counting them twice after a refresh", () => {
    const { store, clock } = storeAt();
    store.historyLoaded(history({ kit: 10, cup: 1 }), t0);
    clock.now = t0 + 1000;
    store.receive(click("e1", "kit"));
    store.receive(click("e2", "kit"));
    store.receive(click("e2", "kit")); // redelivered
    let view = store.view();
    expect(view.phase).toBe("data");
    expect(view.buttons).toEqual([
      { buttonId: "kit", total: 12, live: 2 },
      { buttonId: "cup", total: 1, live: 0 },
    ]);
    expect(view.totals.clicks).toBe(13);
    expect(view.live).toEqual({ clicks: 2, pageloads: 0 });
    expect(view.days.at(-1)).toEqual({ day: "2026-01-15", clicks: 13 });

    clock.now = t0 + 10_000;
    store.historyLoaded(history({ kit: 12, cup: 1 }), t0 + 9_900);
    view = store.view();
    expect(view.buttons[0]).toEqual({ buttonId: "kit", total: 12, live: 2 });
    expect(view.totals.clicks).toBe(13);
    expect(view.days.at(-1)?.clicks).toBe(13);
  });

  it("counts page loads per page path", () => {
    const { store } = storeAt();
    store.historyLoaded(history({}, { "/": 4 }), t0);
    store.receive(pageload("p1", "http://localhost:3000/?utm=x"));
    store.receive(pageload("p2", "http://localhost:3000/cart"));
    expect(store.view().pages).toEqual([
      { page: "/", loads: 5, live: 1 },
      { page: "/cart", loads: 1, live: 1 },
    ]);
    expect(store.view().totals.pageloads).toBe(6);
  });

  it("shows live events before stats ever answers, with no totals to merge into", () => {
    const { store } = storeAt();
    store.receive(click("e1", "kit"));
    const view = store.view();
    expect(view.phase).toBe("data");
    expect(view.buttons).toEqual([{ buttonId: "kit", total: undefined, live: 1 }]);
    expect(view.totals.clicks).toBeUndefined();
  });

  it("logs recent events newest first, at most 50, and buckets them by second", () => {
    const { store, clock } = storeAt();
    for (let n = 0; n < 60; n += 1) store.receive(click(`e${n}`, "kit"));
    clock.now = t0 + 1500;
    store.receive(pageload("p", "http://localhost:3000/"));
    const view = store.view();
    expect(view.log).toHaveLength(50);
    expect(view.log[0]).toMatchObject({ key: "p", kind: "pageload", subject: "/", receivedAt: t0 + 1500 });
    expect(view.log[1]).toMatchObject({
      key: "e59",
      kind: "click",
      subject: "kit",
      description: "Add to Cart",
    });
    expect(view.perSecond.slice(-2)).toMatchObject([
      { secondsAgo: 1, clicks: 60, pageloads: 0 },
      { secondsAgo: 0, clicks: 0, pageloads: 1 },
    ]);
  });

  it("keeps events without an id apart", () => {
    const { store } = storeAt();
    const { id: _id, ...withoutId } = click("x", "kit");
    store.receive(withoutId);
    store.receive(withoutId);
    expect(store.view().live.clicks).toBe(2);
    expect(new Set(store.view().log.map((entry) => entry.key)).size).toBe(2);
  });

  it("tells subscribers about changes, and stops when they unsubscribe", () => {
    const { store } = storeAt();
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    store.streamStateChanged("connected");
    store.streamStateChanged("connected");
    unsubscribe();
    store.streamStateChanged("reconnecting");
    expect(calls).toBe(1);
  });

  it("keeps why the stream refused this page and when it retries, until the next change", () => {
    const { store } = storeAt();
    store.streamRefused("edm-stream is at its limit of 2 dashboards; try again shortly", 1_000);
    expect(store.view().stream).toEqual({
      state: "full",
      problem: "edm-stream is at its limit of 2 dashboards; try again shortly",
      retryAt: 1_000,
    });
    store.streamStateChanged("connected");
    expect(store.view().stream).toEqual({ state: "connected" });
  });
});
