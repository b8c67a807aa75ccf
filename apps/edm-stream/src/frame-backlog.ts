// The slow-client policy reasons in events waiting, but engine.io only tells how many packets wait for a
// client. For a dashboard on single events a packet is an event; for one on frames it is a whole frame.
// The sizes of the latest frames sent to that client (a backlog is the newest packets, since engine.io
// sends in order) turn its number of waiting packets into the events in them. A packet that is not a
// frame (a ping) is counted as the frame before it: an estimate, at worst one frame too high.

/** Frames remembered; a client further behind than this is far past any sensible limit anyway. */
const REMEMBERED_FRAMES = 512;

export function createFrameSizes(capacity = REMEMBERED_FRAMES) {
  const sizes: number[] = [];
  return {
    sent(events: number): void {
      sizes.push(events);
      if (sizes.length > capacity) sizes.shift();
    },
    /** Events in the last `frames` frames sent; frames older than those remembered count one event each. */
    eventsInLast(frames: number): number {
      let events = 0;
      let left = frames;
      for (let index = sizes.length - 1; index >= 0 && left > 0; index -= 1, left -= 1) {
        events += sizes[index] ?? 0;
      }
      return events + left;
    },
  };
}

export type FrameSizes = ReturnType<typeof createFrameSizes>;
