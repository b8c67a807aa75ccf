import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFrameClock } from "./frame-clock";

describe("frame clock", () => {
  beforeEach(() =>
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance"],
    }),
  );
  afterEach(() => vi.useRealTimers());

  const clock = () => {
    const frames: number[][] = [];
    const frameClock = createFrameClock<number>({ intervalMs: 50, send: (frame) => frames.push(frame) });
    return { frames, frameClock };
  };

  it("sends the first items after a quiet spell on the next turn, with whatever else arrived in that turn", () => {
    const { frames, frameClock } = clock();
    frameClock.add([1, 2]);
    frameClock.add([3]);
    expect(frames).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(frames).toEqual([[1, 2, 3]]);
  });

  it("sends at most one frame per interval while items keep coming, each item once and in order", () => {
    const { frames, frameClock } = clock();
    frameClock.add([1]);
    vi.advanceTimersToNextTimer();
    frameClock.add([2]);
    vi.advanceTimersByTime(20);
    frameClock.add([3, 4]);
    expect(frames).toEqual([[1]]);
    vi.advanceTimersByTime(30);
    expect(frames).toEqual([[1], [2, 3, 4]]);
    frameClock.add([5]);
    vi.advanceTimersByTime(49);
    expect(frames).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(frames).toEqual([[1], [2, 3, 4], [5]]);
  });

  it("sends nothing for no items, and what is pending when stopped", () => {
    const { frames, frameClock } = clock();
    frameClock.add([]);
    vi.advanceTimersByTime(100);
    expect(frames).toEqual([]);
    frameClock.add([1]);
    frameClock.stop();
    expect(frames).toEqual([[1]]);
    vi.advanceTimersByTime(100);
    expect(frames).toEqual([[1]]);
  });
});
