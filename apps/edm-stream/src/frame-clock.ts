// Collects the events of Kafka batches into frames: a dashboard then gets one message per frame instead
// of one per event. A frame goes out at most once per `intervalMs`; the first events after a quiet spell
// go out at once (on the next turn of the event loop, so that the partitions of one fetch share a frame),
// so coalescing costs latency only while events flow faster than one frame per interval.

export interface FrameClock<T> {
  /** Adds items to the next frame; returns at once. */
  add(items: readonly T[]): void;
  /** Sends what is pending now, and stops scheduling frames. */
  stop(): void;
}

export interface FrameClockOptions<T> {
  intervalMs: number;
  send(frame: T[]): void;
  now?: () => number;
}

export function createFrameClock<T>({
  intervalMs,
  send,
  now = () => performance.now(),
}: FrameClockOptions<T>): FrameClock<T> {
  let pending: T[] = [];
  let lastSent = Number.NEGATIVE_INFINITY;
  let cancel: (() => void) | undefined;

  const flush = () => {
    cancel = undefined;
    if (pending.length === 0) return;
    const frame = pending;
    pending = [];
    lastSent = now();
    send(frame);
  };

  const schedule = () => {
    const wait = lastSent + intervalMs - now();
    if (wait <= 0) {
      const immediate = setImmediate(flush);
      cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(flush, wait);
      cancel = () => clearTimeout(timer);
    }
  };

  return {
    add(items) {
      if (items.length === 0) return;
      for (const item of items) pending.push(item);
      if (!cancel) schedule();
    },
    stop() {
      cancel?.();
      flush();
    },
  };
}
