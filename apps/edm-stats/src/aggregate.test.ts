import { type EdmEvent, ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { aggregate, minuteStart, uniqueByKey, utcDay } from "./aggregate";
import type { CountableEvent } from "./decode";

const AT = Date.UTC(2018, 10, 9, 23, 59, 30); // 2018-11-09T23:59:30Z

function click(buttonId: string, at = AT, session = "s1"): CountableEvent {
  const event: EdmEvent = {
    ...ORIGINAL_CLICK_EXAMPLE,
    uuid: session,
    properties: { button_id: buttonId, description: "button click" },
  };
  return { key: `${buttonId}-${at}-${session}`, event, occurredAt: at };
}

function pageload(url: string, at = AT, session = "s1"): CountableEvent {
  const event: EdmEvent = {
    ...ORIGINAL_PAGELOAD_EXAMPLE,
    uuid: session,
    properties: { ...ORIGINAL_PAGELOAD_EXAMPLE.properties, url },
  };
  return { key: `${url}-${at}-${session}`, event, occurredAt: at };
}

describe("aggregate", () => {
  it("counts nothing for no events", () => {
    expect(aggregate([])).toEqual({
      clicksByButton: [],
      eventsByDay: [],
      eventsByMinute: [],
      loadsByPage: [],
      sessions: [],
    });
  });

  it("sums clicks per button and page loads per page, one row per key, sorted", () => {
    const rows = aggregate([
      click("b"),
      click("a"),
      click("b"),
      pageload("https://shop.example/menu?utm=x"),
      pageload("https://shop.example/"),
      pageload("https://shop.example/menu#top"),
    ]);
    expect(rows.clicksByButton).toEqual([
      { buttonId: "a", clicks: 1 },
      { buttonId: "b", clicks: 2 },
    ]);
    expect(rows.loadsByPage).toEqual([
      { page: "/", loads: 1 },
      { page: "/menu", loads: 2 },
    ]);
  });

  it("buckets by UTC day and minute of the time the event occurred", () => {
    const nextMinute = AT + 45_000; // 2018-11-10T00:00:15Z: another minute and another day
    const rows = aggregate([click("a"), click("a", nextMinute), pageload("https://x.example/", AT)]);
    expect(rows.eventsByDay).toEqual([
      { topic: "edm-ui-click", day: "2018-11-09", events: 1 },
      { topic: "edm-ui-click", day: "2018-11-10", events: 1 },
      { topic: "edm-ui-pageload", day: "2018-11-09", events: 1 },
    ]);
    expect(rows.eventsByMinute).toEqual([
      { minute: "2018-11-09T23:59:00.000Z", topic: "edm-ui-click", events: 1 },
      { minute: "2018-11-09T23:59:00.000Z", topic: "edm-ui-pageload", events: 1 },
      { minute: "2018-11-10T00:00:00.000Z", topic: "edm-ui-click", events: 1 },
    ]);
  });

  it("lists each session once, first seen at its earliest event", () => {
    const rows = aggregate([
      click("a", AT, "s2"),
      click("a", AT - 5_000, "s2"),
      pageload("https://x.example/", AT, "s1"),
    ]);
    expect(rows.sessions).toEqual([
      { sessionId: "s1", firstSeenAt: new Date(AT).toISOString() },
      { sessionId: "s2", firstSeenAt: new Date(AT - 5_000).toISOString() },
    ]);
  });
});

describe("uniqueByKey", () => {
  it("keeps the first event of each key, in order", () => {
    const first = click("a");
    const again = { ...click("b"), key: first.key };
    const other = click("c");
    expect(uniqueByKey([first, again, other])).toEqual([first, other]);
  });
});

describe("time buckets", () => {
  it("are UTC", () => {
    expect(utcDay(AT)).toBe("2018-11-09");
    expect(minuteStart(AT)).toBe("2018-11-09T23:59:00.000Z");
  });
});
