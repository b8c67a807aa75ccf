import type { OutgoingRecord, TopicRecords } from "@edm/kafka";
import { RelayUnavailableError } from "./unavailable-error";

// kafkajs sends each send() at once, one produce request per call (it has no linger). So the relay never
// calls it per HTTP request: requests queue here, in lanes, and each lane's next send carries everything
// queued in it so far. Under load that is a few large produce requests instead of thousands of small ones;
// at rest a request is sent at once, with no added wait.
//
// Lanes let several produce requests be in flight at once (one per lane) without giving up order. Every
// record goes to the lane of its key (laneOf), so all events of one session share a lane. A lane is first
// in, first out and has at most one send in flight; kafkajs retries a failed request inside that send, so
// a lane's retries happen before its next request. Events of a session the relay acknowledged earlier
// therefore sit before later ones in their partition, retries included. That is also why the producer
// can stay non-idempotent (kafkajs's idempotent producer breaks with overlapping sends): two requests
// in flight at once never hold records of the same key, so a retry that lands after another lane's
// request reorders only records of different sessions, whose relative order nobody relies on.

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
  /**
   * The lane of an item: items of the same key must get the same lane (see above). Default: one lane,
   * so one send at a time.
   */
  laneOf?: (item: BatchItem) => number;
  /** A request is answered 503 if its events are not acknowledged this long after it arrived. */
  timeoutMs: number;
  /** Bounds of one send; a request's part of a lane larger than them is still sent whole, alone. */
  maxEventsPerSend: number;
  maxBytesPerSend: number;
  /** Bounds of what may wait, all lanes together; past them new requests are refused at once. */
  maxQueuedEvents: number;
  maxQueuedBytes: number;
  log: BatcherLog;
}

export interface BatcherStats {
  queuedEvents: number;
  queuedBytes: number;
  /** Events in sends Kafka has not answered yet. */
  sendingEvents: number;
  /** Events submitted since start (refused ones not counted). */
  submittedEvents: number;
  acknowledgedEvents: number;
  sends: number;
  failedSends: number;
  /** Sends Kafka has not answered yet, and the most there ever were at once. */
  sendsInFlight: number;
  maxSendsInFlight: number;
}

export interface Batcher {
  /** Resolves when Kafka acknowledged every item; rejects with a RelayUnavailableError otherwise. */
  submit(items: BatchItem[]): Promise<void>;
  /** Refuses new items, then resolves once nothing is queued or being sent. */
  drain(): Promise<void>;
  stats(): BatcherStats;
}

/** One HTTP request's events: answered once every part of it was acknowledged, or at its first failure. */
interface Pending {
  parts: Part[];
  unacknowledgedParts: number;
  /** Some of its records were handed to Kafka, which may write them whatever the answer. */
  handedOver: boolean;
  settled: boolean;
  timer?: NodeJS.Timeout;
  resolve(): void;
  reject(error: RelayUnavailableError): void;
}

/** The items of one request that share a lane, in the request's order. */
interface Part {
  pending: Pending;
  lane: Lane;
  items: BatchItem[];
  bytes: number;
  state: "queued" | "sending" | "done";
}

interface Lane {
  id: number;
  queue: Part[];
  sending: Part[] | null;
  scheduled: boolean;
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

/** Items split by lane, each lane's items in the order given; lanes in order of first appearance. */
export function splitByLane(
  items: readonly BatchItem[],
  laneOf: (item: BatchItem) => number,
): Map<number, BatchItem[]> {
  const byLane = new Map<number, BatchItem[]>();
  for (const item of items) {
    const lane = laneOf(item);
    const laneItems = byLane.get(lane);
    if (laneItems) laneItems.push(item);
    else byLane.set(lane, [item]);
  }
  return byLane;
}

const oneLane = () => 0;
const sumEvents = (parts: readonly Part[]) => parts.reduce((sum, part) => sum + part.items.length, 0);

export function createBatcher(options: BatcherOptions): Batcher {
  const { send, timeoutMs, log } = options;
  const laneOf = options.laneOf ?? oneLane;
  const lanes = new Map<number, Lane>();
  const idleWaiters: Array<() => void> = [];
  let closed = false;
  const counts = { queuedEvents: 0, queuedBytes: 0, submittedEvents: 0, acknowledgedEvents: 0 };
  const sends = { total: 0, failed: 0, inFlight: 0, maxInFlight: 0 };

  const laneFor = (id: number): Lane => {
    let lane = lanes.get(id);
    if (!lane) {
      lane = { id, queue: [], sending: null, scheduled: false };
      lanes.set(id, lane);
    }
    return lane;
  };

  const settle = (pending: Pending, error?: RelayUnavailableError) => {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  };

  const dequeue = (part: Part) => {
    counts.queuedEvents -= part.items.length;
    counts.queuedBytes -= part.bytes;
  };

  /** Takes a request's parts still waiting in their lanes out of them: they will never be sent. */
  const withdrawQueuedParts = (pending: Pending) => {
    for (const part of pending.parts) {
      if (part.state !== "queued") continue;
      part.lane.queue.splice(part.lane.queue.indexOf(part), 1);
      part.state = "done";
      dequeue(part);
    }
  };

  const expire = (pending: Pending) => {
    withdrawQueuedParts(pending);
    settle(
      pending,
      timedOut(timeoutMs, pending.handedOver ? "Kafka may still write them" : "they were not sent"),
    );
    notifyIfIdle();
  };

  const isIdle = () => [...lanes.values()].every((lane) => !lane.sending && lane.queue.length === 0);

  const notifyIfIdle = () => {
    if (!isIdle()) return;
    for (const wake of idleWaiters.splice(0)) wake();
  };

  const schedule = (lane: Lane) => {
    if (lane.scheduled || lane.sending || lane.queue.length === 0) return;
    lane.scheduled = true;
    // After the event loop's current I/O phase, with no timer: every request whose body arrived in that
    // phase shares the send. (A microtask would run after each socket's callback, so under load nearly
    // every request made a produce request of its own, and a CPU profile showed the relay spending more
    // on writing produce requests to the broker's socket than on anything else.)
    setImmediate(() => {
      lane.scheduled = false;
      void sendNext(lane);
    });
  };

  const takeNextBatch = (lane: Lane): Part[] => {
    const taken: Part[] = [];
    let events = 0;
    let bytes = 0;
    for (let next = lane.queue[0]; next; next = lane.queue[0]) {
      const full =
        events + next.items.length > options.maxEventsPerSend || bytes + next.bytes > options.maxBytesPerSend;
      if (taken.length > 0 && full) break;
      lane.queue.shift();
      dequeue(next);
      next.state = "sending";
      next.pending.handedOver = true;
      taken.push(next);
      events += next.items.length;
      bytes += next.bytes;
    }
    return taken;
  };

  const acknowledge = (batch: Part[], events: number, ms: number) => {
    counts.acknowledgedEvents += events;
    const late = new Set(batch.filter((part) => part.pending.settled).map((part) => part.pending)).size;
    if (late > 0) {
      log.warn(
        { event: "relay.send.late", events, requests: batch.length, lateRequests: late, ms },
        "Kafka acknowledged events after their requests had already been answered 503; clients that retry may write them twice (consumers deduplicate by id)",
      );
    }
    log.debug({ events, requests: batch.length, ms }, "events sent to Kafka");
    for (const part of batch) {
      part.state = "done";
      part.pending.unacknowledgedParts -= 1;
      if (part.pending.unacknowledgedParts === 0) settle(part.pending);
    }
  };

  const fail = (batch: Part[], events: number, ms: number, error: unknown) => {
    sends.failed += 1;
    log.warn(
      { event: "relay.send.failed", err: error, events, requests: batch.length, ms },
      "Kafka did not take a batch of events; their requests get 503 and clients may retry",
    );
    const failure = new RelayUnavailableError(
      "send-failed",
      "Kafka did not acknowledge the events; some of them may have been written",
      { cause: error },
    );
    for (const part of batch) {
      part.state = "done";
      // The client is told to retry the whole request: its parts not sent yet must not be written too.
      withdrawQueuedParts(part.pending);
      settle(part.pending, failure);
    }
  };

  const sendNext = async (lane: Lane) => {
    if (lane.sending || lane.queue.length === 0) return;
    const batch = takeNextBatch(lane);
    lane.sending = batch;
    const events = sumEvents(batch);
    const startedAt = Date.now();
    sends.total += 1;
    sends.inFlight += 1;
    sends.maxInFlight = Math.max(sends.maxInFlight, sends.inFlight);
    try {
      await Promise.resolve().then(() => send(groupByTopic(batch.flatMap((part) => part.items))));
      acknowledge(batch, events, Date.now() - startedAt);
    } catch (error) {
      fail(batch, events, Date.now() - startedAt, error);
    } finally {
      sends.inFlight -= 1;
      lane.sending = null;
      schedule(lane);
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
        const pending: Pending = {
          parts: [],
          unacknowledgedParts: 0,
          handedOver: false,
          settled: false,
          resolve,
          reject,
        };
        for (const [laneId, laneItems] of splitByLane(items, laneOf)) {
          const lane = laneFor(laneId);
          const partBytes = laneItems.reduce((sum, item) => sum + recordBytes(item), 0);
          const part: Part = { pending, lane, items: laneItems, bytes: partBytes, state: "queued" };
          pending.parts.push(part);
          lane.queue.push(part);
          counts.queuedEvents += laneItems.length;
          counts.queuedBytes += partBytes;
        }
        pending.unacknowledgedParts = pending.parts.length;
        pending.timer = setTimeout(() => expire(pending), timeoutMs);
        counts.submittedEvents += items.length;
        for (const part of pending.parts) schedule(part.lane);
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
      sendingEvents: [...lanes.values()].reduce((sum, lane) => sum + sumEvents(lane.sending ?? []), 0),
      submittedEvents: counts.submittedEvents,
      acknowledgedEvents: counts.acknowledgedEvents,
      sends: sends.total,
      failedSends: sends.failed,
      sendsInFlight: sends.inFlight,
      maxSendsInFlight: sends.maxInFlight,
    }),
  };
}

function timedOut(timeoutMs: number, consequence: string): RelayUnavailableError {
  return new RelayUnavailableError(
    "timed-out",
    `Kafka did not acknowledge the events within ${timeoutMs} ms; ${consequence}`,
  );
}
