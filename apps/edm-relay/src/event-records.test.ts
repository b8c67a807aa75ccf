import { EVENT_TOPICS, ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE, TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { EVENT_ID_HEADER, toBatchItem, topicFor } from "./event-records";

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

describe("topicFor", () => {
  it("answers with the relay's own topic name, not the client's string", () => {
    const clientText = ["edm-ui", "click"].join("-");
    const topic = topicFor({ ...ORIGINAL_CLICK_EXAMPLE, topic: clientText as typeof TOPICS.click });
    expect(topic).toBe(TOPICS.click);
    expect(EVENT_TOPICS).toContain(topic);
  });

  it("throws for a type it does not know (the schema never lets one through)", () => {
    expect(() =>
      topicFor({ ...ORIGINAL_CLICK_EXAMPLE, topic: "__consumer_offsets" as typeof TOPICS.click }),
    ).toThrow(/no topic/);
  });
});
