/**
 * edm-relay's batched POST /api/events (500 events a request, a few requests at a time) against kafkajs
 * alone, through @edm/kafka's producer, sending the same records with the same concurrency: the client's
 * ceiling.
 */
import { performance } from "node:perf_hooks";
import type { KafkaClient } from "@edm/kafka";
import { encodeEventRecord, MAX_BATCH_EVENTS, randomUUID, withEventId } from "@edm/schema";
import { benchTopics } from "./support/bench-topics";
import { clickBatch } from "./support/events";
import { postLoad } from "./support/http-load";
import { inTurns } from "./support/rounds";
import { startService } from "./support/service-process";
import { RELAY_BENCH_ENV, RELAY_SCRIPT, settings, WARM_UP_SECONDS } from "./support/settings";
import { printComparisons } from "./support/table";

const inFlight = Number(process.env.BENCH_BATCHES_IN_FLIGHT ?? 4);
const batchSize = MAX_BATCH_EVENTS;

/** Events per second @edm/kafka's producer writes, `inFlight` sends of `batchSize` records at a time. */
async function producerEventsPerSecond(kafka: KafkaClient, seconds: number): Promise<number> {
  const batches = Array.from({ length: 16 }, (_, i) =>
    clickBatch(i, batchSize).map((event) => encodeEventRecord(withEventId(event, randomUUID))),
  );
  const producer = kafka.producer();
  await producer.connect();
  try {
    let sent = 0;
    const start = performance.now();
    const deadline = start + seconds * 1_000;
    const sender = async (lane: number) => {
      for (let i = lane; performance.now() < deadline; i += inFlight) {
        const batch = batches[i % batches.length] ?? [];
        await producer.sendBatch([
          { topic: batch[0]?.topic ?? "", records: batch.map((item) => item.record) },
        ]);
        sent += batch.length;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, (_, lane) => sender(lane)));
    return sent / ((performance.now() - start) / 1_000);
  } finally {
    await producer.disconnect();
  }
}

export async function benchRelayBatched(): Promise<void> {
  const kafka = await benchTopics();
  const relay = await startService({
    script: RELAY_SCRIPT,
    env: { ...kafka.env, ...RELAY_BENCH_ENV },
    cpuProfileDir: settings.cpuProfileDir,
  });
  const relayEventsPerSecond = async (durationSeconds: number) => {
    const figures = await postLoad({
      url: `${relay.url}/api/events`,
      body: (i: number) => JSON.stringify(clickBatch(i, batchSize)),
      connections: inFlight,
      durationSeconds,
    });
    if (figures.failures > 0) console.warn(`edm-relay: ${figures.failures} requests failed`);
    return figures.answeredPerSecond * batchSize;
  };
  try {
    await producerEventsPerSecond(kafka.kafka, WARM_UP_SECONDS);
    await relayEventsPerSecond(WARM_UP_SECONDS);
    const { ceiling, measured } = await inTurns(
      () => producerEventsPerSecond(kafka.kafka, settings.seconds),
      () => relayEventsPerSecond(settings.seconds),
      (eventsPerSecond) => eventsPerSecond,
    );
    printComparisons(
      `edm-relay batched POSTs (${batchSize} events, ${inFlight} in flight) vs @edm/kafka's producer alone, same records and concurrency: median of ${settings.rounds} × ${settings.seconds} s`,
      [{ figure: "written", unit: "events/s", measured, ceiling }],
    );
  } finally {
    await relay.stop();
    await kafka.cleanUp();
  }
}
