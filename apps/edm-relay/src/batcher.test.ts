import type { TopicRecords } from "@edm/kafka";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type BatcherOptions, type BatchItem, createBatcher, groupByTopic, splitByLane } from "./batcher";
import { RelayUnavailableError } from "./unavailable-error";

/** A send whose outcome the test decides, one call at a time. */
function controlledSend() {
  const calls: { batches: TopicRecords[]; resolve(): void; reject(error: Error): void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (batches: TopicRecords[]) =>
    new Promise<void>((resolve, reject) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => {
        inFlight -= 1;
      };
      calls.push({
        batches,
        resolve: () => {
          done();
          resolve();
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
    });
  const values = (index: number) =>
    calls[index]?.batches.flatMap((batch) => batch.records.map((record) => `${batch.topic}:${record.value}`));
  return { send, calls, values, maxInFlight: () => maxInFlight };
}

const item = (value: string, topic = "edm-ui-click"): BatchItem => ({ topic, record: { key: "s", value } });
const items = (...values: string[]) => values.map((value) => item(value));

const quiet = { debug: () => {}, warn: vi.fn() };

function batcherWith(send: BatcherOptions["send"], overrides: Partial<BatcherOptions> = {}) {
  return createBatcher({
    send,
    timeoutMs: 1_000,
    maxEventsPerSend: 100,
    maxBytesPerSend: 1_000_000,
    maxQueuedEvents: 1_000,
    maxQueuedBytes: 1_000_000,
    log: quiet,
    ...overrides,
  });
}

/** Lets the batcher's scheduled sends (setImmediate), microtasks and promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  quiet.warn.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createBatcher", () => {
  it("sends a lone request at once and resolves it when Kafka acknowledged", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send);
    let done = false;
    const request = batcher.submit(items("a", "b")).then(() => {
      done = true;
    });
    await settle();
    expect(kafka.values(0)).toEqual(["edm-ui-click:a", "edm-ui-click:b"]);
    expect(done).toBe(false);
    kafka.calls[0]?.resolve();
    await request;
    expect(batcher.stats()).toMatchObject({ acknowledgedEvents: 2, sends: 1, queuedEvents: 0 });
  });

  it("queues requests while a send is in flight and sends them together next, in arrival order", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send);
    const first = batcher.submit(items("1"));
    await settle();
    const later = [batcher.submit(items("2", "3")), batcher.submit(items("4")), batcher.submit(items("5"))];
    await settle();
    expect(kafka.calls).toHaveLength(1);
    expect(batcher.stats()).toMatchObject({ queuedEvents: 4, sendingEvents: 1 });

    kafka.calls[0]?.resolve();
    await first;
    await settle();
    expect(kafka.calls).toHaveLength(2);
    expect(kafka.values(1)).toEqual(["edm-ui-click:2", "edm-ui-click:3", "edm-ui-click:4", "edm-ui-click:5"]);
    kafka.calls[1]?.resolve();
    await Promise.all(later);
    expect(kafka.maxInFlight()).toBe(1);
  });

  it("submits in the same turn of the event loop share one send", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send);
    const requests = [batcher.submit(items("a")), batcher.submit(items("b"))];
    await settle();
    expect(kafka.calls).toHaveLength(1);
    expect(kafka.values(0)).toEqual(["edm-ui-click:a", "edm-ui-click:b"]);
    kafka.calls[0]?.resolve();
    await Promise.all(requests);
  });

  it("requests submitted by separate callbacks of one I/O phase share one send", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send);
    const first = batcher.submit(items("a"));
    // Node runs the microtasks between two sockets' callbacks; the send waits for the phase's end.
    await Promise.resolve();
    const second = batcher.submit(items("b"));
    await settle();
    expect(kafka.calls).toHaveLength(1);
    expect(kafka.values(0)).toEqual(["edm-ui-click:a", "edm-ui-click:b"]);
    kafka.calls[0]?.resolve();
    await Promise.all([first, second]);
  });

  it("keeps a send within its event bound without ever splitting a request", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { maxEventsPerSend: 3 });
    const requests = [
      batcher.submit(items("a")),
      batcher.submit(items("b", "c")),
      batcher.submit(items("d", "e")),
      batcher.submit(items("f", "g", "h", "i")),
    ];
    for (let index = 0; index < 3; index += 1) {
      await settle();
      kafka.calls[index]?.resolve();
    }
    await Promise.all(requests);
    expect([kafka.values(0), kafka.values(1), kafka.values(2)]).toEqual([
      ["edm-ui-click:a", "edm-ui-click:b", "edm-ui-click:c"],
      ["edm-ui-click:d", "edm-ui-click:e"],
      ["edm-ui-click:f", "edm-ui-click:g", "edm-ui-click:h", "edm-ui-click:i"],
    ]);
  });

  it("keeps a send within its byte bound", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { maxBytesPerSend: 60 });
    const big = "x".repeat(30);
    const requests = [batcher.submit(items(big)), batcher.submit(items(big))];
    await settle();
    expect(kafka.calls).toHaveLength(1);
    kafka.calls[0]?.resolve();
    await settle();
    kafka.calls[1]?.resolve();
    await Promise.all(requests);
  });

  it("rejects every request of a failed send with 'send-failed' and carries on with the next", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send);
    const failed = [batcher.submit(items("a")), batcher.submit(items("b"))];
    await settle();
    const next = batcher.submit(items("c"));
    kafka.calls[0]?.reject(new Error("broker gone"));
    for (const request of failed) {
      await expect(request).rejects.toMatchObject({ reason: "send-failed", cause: new Error("broker gone") });
    }
    await settle();
    kafka.calls[1]?.resolve();
    await next;
    expect(batcher.stats()).toMatchObject({ sends: 2, failedSends: 1, acknowledgedEvents: 1 });
    expect(quiet.warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: "relay.send.failed", events: 2 }),
      expect.any(String),
    );
  });

  it("turns a send that throws at once into 'send-failed'", async () => {
    const batcher = batcherWith(() => {
      throw new Error("not connected");
    });
    const refused = expect(batcher.submit(items("a"))).rejects.toMatchObject({ reason: "send-failed" });
    await settle();
    await refused;
  });

  it("times out a request still queued, and never sends it", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { timeoutMs: 1_000 });
    const stuck = expect(batcher.submit(items("a"))).rejects.toMatchObject({ reason: "timed-out" });
    await settle();
    const queued = expect(batcher.submit(items("b"))).rejects.toMatchObject({ reason: "timed-out" });
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([stuck, queued]);
    expect(batcher.stats().queuedEvents).toBe(0);

    kafka.calls[0]?.resolve();
    await settle();
    expect(kafka.calls).toHaveLength(1);
    expect(quiet.warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: "relay.send.late", lateRequests: 1 }),
      expect.any(String),
    );
  });

  it("waits for a timed-out send to settle before starting the next one", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { timeoutMs: 1_000 });
    const first = expect(batcher.submit(items("a"))).rejects.toBeInstanceOf(RelayUnavailableError);
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    const second = batcher.submit(items("b"));
    await settle();
    expect(kafka.calls).toHaveLength(1);
    kafka.calls[0]?.reject(new Error("finally gave up"));
    await settle();
    expect(kafka.calls).toHaveLength(2);
    kafka.calls[1]?.resolve();
    await second;
    expect(kafka.maxInFlight()).toBe(1);
  });

  it("refuses at once what would overflow the queue, by events or by bytes", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { maxQueuedEvents: 3, maxQueuedBytes: 200 });
    const inFlight = batcher.submit(items("a"));
    await settle();
    const queued = batcher.submit(items("b", "c"));
    await expect(batcher.submit(items("d", "e"))).rejects.toMatchObject({ reason: "queue-full" });
    await expect(batcher.submit(items("x".repeat(300)))).rejects.toMatchObject({ reason: "queue-full" });
    expect(batcher.stats()).toMatchObject({ queuedEvents: 2, submittedEvents: 3 });
    kafka.calls[0]?.resolve();
    await settle();
    kafka.calls[1]?.resolve();
    await Promise.all([inFlight, queued]);
  });

  it("drain() waits for everything queued and in flight, then refuses new requests", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send);
    const requests = [batcher.submit(items("a")), batcher.submit(items("b"))];
    await settle();
    const later = batcher.submit(items("c"));
    let drained = false;
    const draining = batcher.drain().then(() => {
      drained = true;
    });
    await expect(batcher.submit(items("d"))).rejects.toMatchObject({ reason: "closed" });
    kafka.calls[0]?.resolve();
    await settle();
    expect(drained).toBe(false);
    kafka.calls[1]?.resolve();
    await draining;
    await Promise.all([...requests, later]);
  });

  it("drain() resolves at once when idle", async () => {
    await batcherWith(controlledSend().send).drain();
  });
});

/** An item whose key is its lane number, for the lane tests. */
const inLane = (lane: number, value: string): BatchItem => ({
  topic: "edm-ui-click",
  record: { key: String(lane), value },
});
const laneOfKey = (item: BatchItem) => Number(item.record.key);

describe("createBatcher with lanes", () => {
  it("sends lanes side by side, one send in flight per lane, each lane in arrival order", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { laneOf: laneOfKey });
    const first = [batcher.submit([inLane(0, "a1")]), batcher.submit([inLane(1, "b1")])];
    await settle();
    expect([kafka.values(0), kafka.values(1)]).toEqual([["edm-ui-click:a1"], ["edm-ui-click:b1"]]);
    expect(batcher.stats()).toMatchObject({ sendsInFlight: 2, maxSendsInFlight: 2 });

    const next = [batcher.submit([inLane(0, "a2")]), batcher.submit([inLane(0, "a3")])];
    await settle();
    expect(kafka.calls).toHaveLength(2);
    kafka.calls[1]?.resolve();
    await first[1];
    await settle();
    expect(kafka.calls).toHaveLength(2);

    kafka.calls[0]?.resolve();
    await first[0];
    await settle();
    expect(kafka.values(2)).toEqual(["edm-ui-click:a2", "edm-ui-click:a3"]);
    kafka.calls[2]?.resolve();
    await Promise.all(next);
    expect(batcher.stats()).toMatchObject({ sendsInFlight: 0, maxSendsInFlight: 2, acknowledgedEvents: 4 });
  });

  it("answers a request spanning lanes once every lane acknowledged its part", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { laneOf: laneOfKey });
    let done = false;
    const request = batcher.submit([inLane(0, "a"), inLane(1, "b"), inLane(0, "c")]).then(() => {
      done = true;
    });
    await settle();
    expect([kafka.values(0), kafka.values(1)]).toEqual([
      ["edm-ui-click:a", "edm-ui-click:c"],
      ["edm-ui-click:b"],
    ]);
    kafka.calls[0]?.resolve();
    await settle();
    expect(done).toBe(false);
    kafka.calls[1]?.resolve();
    await request;
    expect(batcher.stats()).toMatchObject({ acknowledgedEvents: 3, sends: 2 });
  });

  it("fails a request when one of its parts fails, and never sends its parts still queued", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { laneOf: laneOfKey });
    const busy = batcher.submit([inLane(1, "busy")]);
    await settle();
    const spanning = batcher.submit([inLane(0, "a"), inLane(1, "b")]);
    await settle();
    expect(kafka.values(1)).toEqual(["edm-ui-click:a"]);
    kafka.calls[1]?.reject(new Error("broker gone"));
    await expect(spanning).rejects.toMatchObject({ reason: "send-failed" });
    expect(batcher.stats().queuedEvents).toBe(0);

    kafka.calls[0]?.resolve();
    await busy;
    await settle();
    expect(kafka.calls).toHaveLength(2);
    await batcher.drain();
  });

  it("times out a request spanning lanes: what was sent may be written, what was queued never is", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { laneOf: laneOfKey, timeoutMs: 1_000 });
    const busy = expect(batcher.submit([inLane(1, "busy")])).rejects.toMatchObject({ reason: "timed-out" });
    await settle();
    const spanning = expect(batcher.submit([inLane(0, "a"), inLane(1, "b")])).rejects.toMatchObject({
      reason: "timed-out",
      message: expect.stringContaining("Kafka may still write them"),
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([busy, spanning]);
    kafka.calls[0]?.resolve();
    kafka.calls[1]?.resolve();
    await settle();
    expect(kafka.calls).toHaveLength(2);
    expect(batcher.stats()).toMatchObject({ queuedEvents: 0, sendsInFlight: 0 });
  });

  it("drain() waits for every lane", async () => {
    const kafka = controlledSend();
    const batcher = batcherWith(kafka.send, { laneOf: laneOfKey });
    const requests = [batcher.submit([inLane(0, "a")]), batcher.submit([inLane(1, "b")])];
    await settle();
    let drained = false;
    const draining = batcher.drain().then(() => {
      drained = true;
    });
    kafka.calls[0]?.resolve();
    await settle();
    expect(drained).toBe(false);
    kafka.calls[1]?.resolve();
    await Promise.all([draining, ...requests]);
  });
});

describe("splitByLane", () => {
  it("splits items by lane, keeping each lane's order", () => {
    const split = splitByLane([inLane(2, "1"), inLane(0, "2"), inLane(2, "3")], laneOfKey);
    expect([...split].map(([lane, items]) => [lane, items.map((item) => item.record.value)])).toEqual([
      [2, ["1", "3"]],
      [0, ["2"]],
    ]);
  });
});

describe("groupByTopic", () => {
  it("groups records by topic, keeping each topic's order", () => {
    const grouped = groupByTopic([item("1", "t1"), item("2", "t2"), item("3", "t1")]);
    expect(grouped.map(({ topic, records }) => [topic, records.map((record) => record.value)])).toEqual([
      ["t1", ["1", "3"]],
      ["t2", ["2"]],
    ]);
  });
});
