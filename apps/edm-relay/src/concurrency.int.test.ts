import type { ConsumedRecord, KafkaClient } from "@edm/kafka";
import { TOPICS } from "@edm/schema";
import { eventually } from "@edm/testkit";
import { afterEach, describe, expect, inject, it } from "vitest";
import { click, eventOf, newSession, pageload } from "./testing/events";
import { type RelayFixture, startTestRelay } from "./testing/relay-fixture";

let fixture: RelayFixture | undefined;
afterEach(async () => {
  await fixture?.cleanUp();
  fixture = undefined;
});

/** Each session's events, in the order they sit in Kafka (one session = one key = one partition). */
function seqsBySession(records: ConsumedRecord[]): Map<string, string[]> {
  const bySession = new Map<string, string[]>();
  const ordered = [...records].sort(
    (a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset),
  );
  for (const record of ordered) {
    const event = eventOf(record);
    bySession.set(event.uuid, [...(bySession.get(event.uuid) ?? []), event.properties.seq ?? ""]);
  }
  return bySession;
}

/** The relay's own Kafka client, with every send held back a little: requests pile up behind it. */
function withSlowSends(delayMs: number) {
  return (kafka: KafkaClient): KafkaClient => ({
    ...kafka,
    producer: (options) => {
      const producer = kafka.producer(options);
      return {
        ...producer,
        sendBatch: async (batches) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return producer.sendBatch(batches);
        },
      };
    },
  });
}

/**
 * The relay's own Kafka client, whose first send waits until a second one starts: proof, without timing,
 * that the relay keeps more than one produce request in flight.
 */
function holdingFirstSendForASecond() {
  return (kafka: KafkaClient): KafkaClient => ({
    ...kafka,
    producer: (options) => {
      const producer = kafka.producer(options);
      let started = 0;
      let secondStarted: () => void = () => {};
      const second = new Promise<void>((resolve) => {
        secondStarted = resolve;
      });
      return {
        ...producer,
        sendBatch: async (batches) => {
          started += 1;
          if (started === 1) await second;
          else secondStarted();
          return producer.sendBatch(batches);
        },
      };
    },
  });
}

describe("edm-relay under concurrency", () => {
  it("acknowledges 200 concurrent requests and writes each event exactly once", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"));
    const sessions = Array.from({ length: 20 }, newSession);
    const requests = Array.from({ length: 200 }, (_, index) =>
      fixture?.post("/api/events", click(sessions[index % 20] as string, index)),
    );
    const answers = await Promise.all(requests);
    expect(answers.map((answer) => answer?.status)).toEqual(Array(200).fill(202));
    const ids = answers.flatMap((answer) => answer?.body.ids as string[]);

    const records = await fixture.read(TOPICS.click, 200, 1_000);
    expect(records.map((record) => eventOf(record).id).sort()).toEqual([...ids].sort());
    // How many requests share a produce call depends on how the machine schedules them (a loaded CI
    // runner may see each arrive alone); batcher.test.ts proves the coalescing itself, deterministically.
    expect(fixture.relay.stats().acknowledgedEvents).toBe(200);
  });

  it("keeps each session's events in the order the relay acknowledged them", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"));
    const sessions = Array.from({ length: 20 }, newSession);
    // Sessions run side by side; within one, each event is sent after the previous one was acknowledged.
    await Promise.all(
      sessions.map(async (session) => {
        for (let seq = 0; seq < 10; seq += 1) {
          const answer = await fixture?.post("/api/events", click(session, seq));
          expect(answer?.status).toBe(202);
        }
      }),
    );
    const bySession = seqsBySession(await fixture.read(TOPICS.click, 200, 1_000));
    const expected = Array.from({ length: 10 }, (_, seq) => String(seq));
    expect([...bySession.keys()].sort()).toEqual([...sessions].sort());
    for (const seqs of bySession.values()) expect(seqs).toEqual(expected);
  });

  it("keeps each session's order with several produce requests in flight at once", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"), { wrapKafka: holdingFirstSendForASecond() });
    const sessions = Array.from({ length: 40 }, newSession);
    await Promise.all(
      sessions.map(async (session) => {
        for (let seq = 0; seq < 10; seq += 1) {
          // Alternating single events and pairs: a request's events share their session's lane.
          const events =
            seq % 2 === 0 ? [click(session, seq)] : [click(session, seq), pageload(session, seq)];
          const answer = await fixture?.post("/api/events", events.length === 1 ? events[0] : events);
          expect(answer?.status).toBe(202);
        }
      }),
    );
    expect(fixture.relay.stats().maxSendsInFlight).toBeGreaterThan(1);
    const bySession = seqsBySession(await fixture.read(TOPICS.click, 400, 1_000));
    const expected = Array.from({ length: 10 }, (_, seq) => String(seq));
    expect([...bySession.keys()].sort()).toEqual([...sessions].sort());
    for (const seqs of bySession.values()) expect(seqs).toEqual(expected);
    const pageloads = seqsBySession(await fixture.read(TOPICS.pageload, 200, 1_000));
    for (const seqs of pageloads.values()) expect(seqs).toEqual(["1", "3", "5", "7", "9"]);
  });

  it("on stop, answers the requests already in flight once Kafka has their events, then takes no more", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"), { wrapKafka: withSlowSends(300) });
    const { relay, url } = fixture;
    const session = newSession();
    const inFlight = Array.from({ length: 30 }, (_, seq) =>
      fixture?.post("/api/events", click(session, seq)),
    );
    await eventually(() => relay.stats().submittedEvents === 30, {
      what: "all 30 requests reaching the relay",
    });
    expect(relay.stats().acknowledgedEvents).toBeLessThan(30);

    const stopping = relay.stop();
    const answers = await Promise.all(inFlight);
    await stopping;
    expect(answers.map((answer) => answer?.status)).toEqual(Array(30).fill(202));
    expect(relay.stats()).toMatchObject({ acknowledgedEvents: 30, queuedEvents: 0, sendingEvents: 0 });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    const records = await fixture.read(TOPICS.click, 30, 500);
    expect(records.map((record) => eventOf(record).id).sort()).toEqual(
      answers.flatMap((answer) => answer?.body.ids as string[]).sort(),
    );
  });
});
