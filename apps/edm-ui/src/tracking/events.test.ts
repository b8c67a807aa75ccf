import { MAX_URL_LENGTH, MAX_USER_AGENT_LENGTH, ORIGINAL_CLICK_EXAMPLE, parseEvent } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { clickEvent, pageloadEvent } from "./events";

const now = Date.UTC(2026, 0, 15, 12);
const sessionId = "6f1d8a52-2c4b-4e7f-9a3d-1b2c3d4e5f60";

describe("clickEvent", () => {
  it("has the original shop's shape", () => {
    const event = clickEvent({ sessionId, buttonId: "the-camper's-kit", now });
    expect(Object.keys(event).sort()).toEqual(Object.keys(ORIGINAL_CLICK_EXAMPLE).sort());
    expect(event).toEqual({
      topic: "edm-ui-click",
      uuid: sessionId,
      event_timestamp: now,
      properties: { button_id: "the-camper's-kit", description: "button click" },
    });
    expect(parseEvent(event, { now }).ok).toBe(true);
  });

  it("carries a specific description when given one", () => {
    const event = clickEvent({
      sessionId,
      buttonId: "cart-remove",
      description: "remove The Chemex Kit",
      now,
    });
    expect(event.properties.description).toBe("remove The Chemex Kit");
  });
});

describe("pageloadEvent", () => {
  it("says which page loaded, where, and in which browser", () => {
    const event = pageloadEvent({
      sessionId,
      page: "home",
      url: "http://localhost:3000/",
      userAgent: "UA",
      now,
    });
    expect(event.properties).toEqual({
      user_agent: "UA",
      description: "home page loaded",
      url: "http://localhost:3000/",
    });
    expect(parseEvent(event, { now }).ok).toBe(true);
  });

  it("shortens what the browser controls to the contract's limits", () => {
    const event = pageloadEvent({
      sessionId,
      page: "cart",
      url: `http://localhost:3000/cart?${"q=1&".repeat(1000)}`,
      userAgent: "x".repeat(5000),
      now,
    });
    expect(event.properties.url).toBe("http://localhost:3000/cart");
    expect(event.properties.user_agent).toHaveLength(MAX_USER_AGENT_LENGTH);
    expect(event.properties.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(parseEvent(event, { now }).ok).toBe(true);
  });
});
