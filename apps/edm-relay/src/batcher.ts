import type { OutgoingRecord, TopicRecords } from "@edm/kafka";
import { RelayUnavailableError } from "./unavailable-error";

// kafkajs sends each send() at once, one produce request per call, and its sends must not overlap
// (see @edm/kafka's producer). So the relay never calls it per HTTP request: requests queue here and
// one send at a time carries everything queued so far. Under load that is a few large produce requests
// instead of thousands of small ones; at rest a request is sent at once, with no added wait.
//
// Order: the queue is first in, first out and sends never overlap, so events the relay acknowledged
// earlier sit before later ones in their partition, retries included.

/** One record for one (logical) topic. */
export interface BatchItem {
  topic: string;
  record: OutgoingRecord;
}

export interface BatcherLog {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface BatcherOptions {
  /** Writes the records and resolves once Kafka acknowledged all of them. */
  send(batches: TopicRecords[]): Promise<unknown>;
  /** A request is answered 503 if its events are not acknowledged this long after it arrived. */
  timeoutMs: number;
  /** Bounds of one send; a single request larger than them is still sent whole, alone. */
  maxEventsPerSend: number;
  maxBytesPerSend: number;
  /** Bounds of what may wait; past them new requests are refused at once. */
  maxQueuedEvents: number;
  maxQueuedBytes: number;
  log: BatcherLog;
}

export interface BatcherStats {
  queuedEvents: number;
  queuedBytes: number;
  /** Events in the send Kafka has not answered yet. */
  sendingEvents: number;
  /** Events submitted since start (refused ones not counted). */
  submittedEvents: number;
  acknowledgedEvents: number;
  sends: number;
  failedSends: number;
}

export interface Batcher {
  /** Resolves when Kafka acknowledged every item; rejects with a RelayUnavailableError otherwise. */
  submit(items: BatchItem[]): Promise<void>;
  /** Refuses new items, then resolves once nothing is queued or being sent. */
  drain(): Promise<void>;
  stats(): BatcherStats;
}

interface Pending {
  items: BatchItem[];
  bytes: number;
  settled: boolean;
  timer?: NodeJS.Timeout;
  resolve(): void;
  reject(error: RelayUnavailableError): void;
}

export function recordBytes({ topic, record }: BatchItem): number {
  let bytes = topic.length + Buffer.byteLength(record.value) + Buffer.byteLength(record.key ?? "");
  for (const [name, value] of Object.entries(record.headers ?? {})) bytes += name.length + value.length;
  return bytes;
}

/** Records grouped by topic, each topic's records in the order given. */
export function groupByTopic(items: readonly BatchItem[]): TopicRecords[] {
  const byTopic = new Map<string, OutgoingRecord[]>();
  for (const { topic, record } of items) {
    const records = byTopic.get(topic);
    if (records) records.push(record);
    else byTopic.set(topic, [record]);
  }
  return [...byTopic].map(([topic, records]) => ({ topic, records }));
}

export function createBatcher(options: BatcherOptions): Batcher {
  const { send, timeoutMs, log } = options;
  const queue: Pending[] = [];
  const idleWaiters: Array<() => void> = [];
  let sending: Pending[] | null = null;
  let scheduled = false;
  let closed = false;
  const counts = { queuedEvents: 0, queuedBytes: 0, submittedEvents: 0, acknowledgedEvents: 0 };
  const sends = { total: 0, failed: 0 };

  const settle = (pending: Pending, error?: RelayUnavailableError) => {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  };

  const dequeue = (pending: Pending) => {
    counts.queuedEvents -= pending.items.length;
    counts.queuedBytes -= pending.bytes;
  };

  const expire = (pending: Pending) => {
    const index = queue.indexOf(pending);
    if (index >= 0) {
      queue.splice(index, 1);
      dequeue(pending);
      settle(pending, timedOut(timeoutMs, "they were not sent"));
      notifyIfIdle();
    } else {
      settle(pending, timedOut(timeoutMs, "Kafka may still write them"));
    }
  };

  const notifyIfIdle = () => {
    if (sending || queue.length > 0) return;
    for (const wake of idleWaiters.splice(0)) wake();
  };

  const schedule = () => {
    if (scheduled || sending || queue.length === 0) return;
    scheduled = true;
    // A microtask, so requests submitted in the same turn of the event loop share the send.
    queueMicrotask(() => {
      scheduled = false;
      void sendNext();
    });
  };

  const takeNextBatch = (): Pending[] => {
    const taken: Pending[] = [];
    let events = 0;
    let bytes = 0;
    for (let next = queue[0]; next; next = queue[0]) {
      const full =
        events + next.items.length > options.maxEventsPerSend || bytes + next.bytes > options.maxBytesPerSend;
      if (taken.length > 0 && full) break;
      queue.shift();
      dequeue(next);
      taken.push(next);
      events += next.items.length;
      bytes += next.bytes;
    }
    return taken;
  };

  const sendNext = async () => {
    if (sending || queue.length === 0) return;
    const batch = takeNextBatch();
    sending = batch;
    const events = batch.reduce((sum, pending) => sum + pending.items.length, 0);
    const startedAt = Date.now();
    sends.total += 1;
    try {
      await Promise.resolve().then(() => send(groupByTopic(batch.flatMap((pending) => pending.items))));
      counts.acknowledgedEvents += events;
      const late = batch.filter((pending) => pending.settled).length;
      if (late > 0) {
        log.warn(
          {
            event: "relay.send.late",
            events,
            requests: batch.length,
            lateRequests: late,
            ms: Date.now() - startedAt,
          },
          "Kafka acknowledged events after their requests had already been answered 503; clients that retry may write them twice (consumers deduplicate by id)",
        );
      }
      log.debug({ events, requests: batch.length, ms: Date.now() - startedAt }, "events sent to Kafka");
      for (const pending of batch) settle(pending);
    } catch (error) {
      sends.failed += 1;
      log.warn(
        {
          event: "relay.send.failed",
          err: error,
          events,
          requests: batch.length,
          ms: Date.now() - startedAt,
        },
        "Kafka did not take a batch of events; their requests get 503 and clients may retry",
      );
      const failure = new RelayUnavailableError(
        "send-failed",
        "Kafka did not acknowledge the events; some of them may have been written",
        { cause: error },
      );
      for (const pending of batch) settle(pending, failure);
    } finally {
      sending = null;
      schedule();
      notifyIfIdle();
    }
  };

  return {
    submit(items) {
      if (items.length === 0) return Promise.resolve();
      if (closed) {
        return Promise.reject(new RelayUnavailableError("closed", "the relay is shutting down"));
      }
      const bytes = items.reduce((sum, item) => sum + recordBytes(item), 0);
      if (
        counts.queuedEvents + items.length > options.maxQueuedEvents ||
        counts.queuedBytes + bytes > options.maxQueuedBytes
      ) {
        return Promise.reject(
          new RelayUnavailableError("queue-full", "too many events are waiting for Kafka right now"),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const pending: Pending = { items, bytes, settled: false, resolve, reject };
        pending.timer = setTimeout(() => expire(pending), timeoutMs);
        queue.push(pending);
        counts.queuedEvents += items.length;
        counts.queuedBytes += bytes;
        counts.submittedEvents += items.length;
        schedule();
      });
    },

    drain() {
      closed = true;
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        notifyIfIdle();
      });
    },

    stats: () => ({
      queuedEvents: counts.queuedEvents,
      queuedBytes: counts.queuedBytes,
      sendingEvents: sending?.reduce((sum, pending) => sum + pending.items.length, 0) ?? 0,
      submittedEvents: counts.submittedEvents,
      acknowledgedEvents: counts.acknowledgedEvents,
      sends: sends.total,
      failedSends: sends.failed,
    }),
  };
}

function timedOut(timeoutMs: number, consequence: string): RelayUnavailableError {
  return new RelayUnavailableError(
    "timed-out",
    `Kafka did not acknowledge the events within ${timeoutMs} ms; ${consequence}`,
  );
}
