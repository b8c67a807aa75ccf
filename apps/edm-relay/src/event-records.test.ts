import { EVENT_ID_HEADER, ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE, TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { toBatchItem } from "./event-records";

const id = "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11";

describe("toBatchItem", () => {
  it("writes a click to the click topic, keyed by session, with its id in the value and a header", () => {
    const item = toBatchItem({ ...ORIGINAL_CLICK_EXAMPLE, id });
    expect(item).toEqual({
      topic: TOPICS.click,
      record: {
        key: ORIGINAL_CLICK_EXAMPLE.uuid,
        value: JSON.stringify({ ...ORIGINAL_CLICK_EXAMPLE, id }),
        headers: { [EVENT_ID_HEADER]: id },
      },
    });
  });

  it("writes a page load to the page-load topic", () => {
    expect(toBatchItem({ ...ORIGINAL_PAGELOAD_EXAMPLE, id }).topic).toBe(TOPICS.pageload);
  });
});
