import { describe, expect, it } from "vitest";
import { createFrameSizes } from "./frame-backlog";

describe("frame sizes", () => {
  it("turns waiting frames into the events of the latest frames sent", () => {
    const sizes = createFrameSizes();
    for (const events of [5, 1, 30]) sizes.sent(events);
    expect(sizes.eventsInLast(0)).toBe(0);
    expect(sizes.eventsInLast(1)).toBe(30);
    expect(sizes.eventsInLast(2)).toBe(31);
    expect(sizes.eventsInLast(3)).toBe(36);
  });

  it("counts frames older than it remembers (or packets that are not frames) as one event each", () => {
    const sizes = createFrameSizes(2);
    for (const events of [100, 10, 20]) sizes.sent(events);
    expect(sizes.eventsInLast(2)).toBe(30);
    expect(sizes.eventsInLast(5)).toBe(33);
  });
});
