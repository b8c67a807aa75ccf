import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { pageOf, readLiveEvent } from "./live-event";

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

  it("reads a page load as its page path, without an id if it has none", () => {
    const live = readLiveEvent(ORIGINAL_PAGELOAD_EXAMPLE);
    expect(live?.kind).toBe("pageload");
    expect(live?.key).toBe(new URL(ORIGINAL_PAGELOAD_EXAMPLE.properties.url).pathname);
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

describe("pageOf", () => {
  it("keeps the path only, as edm-stats does", () => {
    expect(pageOf("http://localhost:3000/products/chemex?ref=mail#top")).toBe("/products/chemex");
    expect(pageOf("not a url")).toBe("/");
    expect(pageOf(`http://shop.test/${"a".repeat(400)}`)).toHaveLength(256);
  });
});
