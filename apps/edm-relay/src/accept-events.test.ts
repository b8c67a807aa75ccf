import {
  MAX_BATCH_EVENTS,
  MAX_BUTTON_ID_LENGTH,
  ORIGINAL_CLICK_EXAMPLE,
  ORIGINAL_PAGELOAD_EXAMPLE,
  TOPICS,
} from "@edm/schema";
import { describe, expect, it } from "vitest";
import { acceptEvents } from "./accept-events";

const now = Date.UTC(2026, 0, 1);
let counter = 0;
const makeId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
const clientId = "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11";
const clickRoute = { topic: TOPICS.click, route: "POST /produceClickMessage" };

describe("acceptEvents", () => {
  it("accepts one event and gives it an id", () => {
    const result = acceptEvents(ORIGINAL_CLICK_EXAMPLE, { now, makeId });
    expect(result).toEqual({ ok: true, events: [{ ...ORIGINAL_CLICK_EXAMPLE, id: expect.any(String) }] });
  });

  it("keeps an id the client sent (lower-cased), and fills in only the missing ones", () => {
    const result = acceptEvents(
      [{ ...ORIGINAL_CLICK_EXAMPLE, id: clientId.toUpperCase() }, ORIGINAL_PAGELOAD_EXAMPLE],
      { now, makeId },
    );
    if (!result.ok) throw new Error("expected the batch to be accepted");
    expect(result.events[0]?.id).toBe(clientId);
    expect(result.events[1]?.id).toMatch(/^00000000-0000-4000-8000-/);
    expect(result.events[1]?.topic).toBe(TOPICS.pageload);
  });

  it("refuses a whole batch for one bad event, naming its position", () => {
    const result = acceptEvents(
      [ORIGINAL_CLICK_EXAMPLE, { ...ORIGINAL_CLICK_EXAMPLE, topic: "__consumer_offsets" }],
      {
        now,
      },
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "[1].topic", message: expect.stringContaining("unknown topic") }],
    });
  });

  it("refuses what the schema refuses: too many events, long strings, timestamps in seconds", () => {
    const tooMany = Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => ORIGINAL_CLICK_EXAMPLE);
    const longButton = {
      ...ORIGINAL_CLICK_EXAMPLE,
      properties: { ...ORIGINAL_CLICK_EXAMPLE.properties, button_id: "b".repeat(MAX_BUTTON_ID_LENGTH + 1) },
    };
    const seconds = { ...ORIGINAL_CLICK_EXAMPLE, event_timestamp: 1541792811 };
    for (const body of [tooMany, longButton, seconds, "hello", null, []]) {
      expect(acceptEvents(body, { now }).ok).toBe(false);
    }
  });

  it("on a one-topic route, refuses events of the other type", () => {
    expect(acceptEvents(ORIGINAL_CLICK_EXAMPLE, { now, onlyTopic: clickRoute }).ok).toBe(true);
    expect(acceptEvents(ORIGINAL_PAGELOAD_EXAMPLE, { now, onlyTopic: clickRoute })).toEqual({
      ok: false,
      errors: [
        {
          path: "topic",
          message: expect.stringContaining('must be "edm-ui-click" on POST /produceClickMessage'),
        },
      ],
    });
    const mixed = acceptEvents([ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE], {
      now,
      onlyTopic: clickRoute,
    });
    expect(mixed.ok ? [] : mixed.errors.map((error) => error.path)).toEqual(["[1].topic"]);
  });
});
