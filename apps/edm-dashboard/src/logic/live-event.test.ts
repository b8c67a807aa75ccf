import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE, pageOf } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { readLiveEvent } from "./live-event";

describe("readLiveEvent", () => {
  it("reads a click as its button id", () => {
    const event = { ...ORIGINAL_CLICK_EXAMPLE, id: "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11" };
    expect(readLiveEvent(event)).toEqual({
      id: "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11",
      kind: "click",
      key: ORIGINAL_CLICK_EXAMPLE.properties.button_id,
      description: ORIGINAL_CLICK_EXAMPLE.properties.description,
      session: ORIGINAL_CLICK_EXAMPLE.uuid,
    });
  });

  it("reads a page load as its page, as edm-stats counts it, without an id if it has none", () => {
    const url = "http://localhost:3000/products/chemex?ref=mail#top";
    const event = {
      ...ORIGINAL_PAGELOAD_EXAMPLE,
      properties: { ...ORIGINAL_PAGELOAD_EXAMPLE.properties, url },
    };
    expect(readLiveEvent(event)?.key).toBe(pageOf(url));
    const live = readLiveEvent(ORIGINAL_PAGELOAD_EXAMPLE);
    expect(live?.kind).toBe("pageload");
    expect(live?.key).toBe("/");
    expect(live?.id).toBeUndefined();
  });

  it.each([
    ["not an object", "click"],
    ["no properties", { topic: "edm-ui-click" }],
    ["an unknown topic", { topic: "other", properties: { button_id: "x" } }],
    ["a click without a button", { topic: "edm-ui-click", properties: { description: "x" } }],
  ])("ignores %s", (_name, payload) => {
    expect(readLiveEvent(payload)).toBeUndefined();
  });
});
