import { describe, expect, it } from "vitest";
import { EVENT_TOPICS, isTopic, TOPICS } from "./topics";

describe("topics", () => {
  it("are the original apps' Kafka topic names", () => {
    expect(TOPICS).toEqual({ click: "edm-ui-click", pageload: "edm-ui-pageload" });
    expect(EVENT_TOPICS).toEqual(["edm-ui-click", "edm-ui-pageload"]);
  });

  it.each([
    ["edm-ui-click", true],
    ["__consumer_offsets", false],
    [undefined, false],
  ])("isTopic(%j) is %s", (value, expected) => {
    expect(isTopic(value)).toBe(expected);
  });
});
