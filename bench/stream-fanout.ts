/**
 * edm-stream under a crowd: CLIENTS socket.io dashboards, spread over WORKERS processes, receiving RATE
 * events a second produced to Kafka for SECONDS; beside it the ceiling, the same crowd against a bare
 * socket.io server emitting the same frames with no Kafka in between. Then click-to-dashboard: events
 * POSTed to edm-relay at CLICK_RATE a second (autocannon), timed until a dashboard's frame brings them.
 *
 *   pnpm bench:stream        (CLIENTS=500 WORKERS=4 RATE=1000 SECONDS=10 CLICK_RATE=2000;
 *                             FORMS=frames,single adds the per-event messages of the original dashboard;
 *                             STREAM_FRAME_INTERVAL=50ms to try another interval)
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "@edm/runtime";
import { ALL_TOPICS, EVENT_TOPICS, SOCKET_FRAME, TOPICS } from "@edm/schema";
import { testKafka } from "@edm/testkit";
import autocannon from "autocannon";
import { loadConfig as loadRelayConfig, startRelay } from "edm-relay";
import { createFrameClock, loadConfig, startStream } from "edm-stream";
import { Server } from "socket.io";
import { benchEvent, produceEvents } from "./bench-events";
import { connectCrowd, type Delivery, sendAtRate, waitUntilStreaming } from "./stream-crowd";
import { localKafkaEnv } from "./support/local-services";

const clients = Number(process.env.CLIENTS ?? 500);
const workers = Number(process.env.WORKERS ?? 4);
const rate = Number(process.env.RATE ?? 1_000);
const seconds = Number(process.env.SECONDS ?? 10);
const clickRate = Number(process.env.CLICK_RATE ?? 2_000);
const forms = (process.env.FORMS ?? "frames").split(",");
const frameInterval = process.env.STREAM_FRAME_INTERVAL;
const streamEnv = { ...(frameInterval ? { STREAM_FRAME_INTERVAL: frameInterval } : {}) };
/** Time given to the last events to arrive once sending stops. */
const SETTLE_MS = 3_000;
const log = createLogger({ service: "bench", env: { LOG_LEVEL: "warn" } });

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

const prefix = `bench-${randomUUID().slice(0, 8)}.`;
const env = { ...(await localKafkaEnv()), KAFKA_PREFIX: prefix };
const kafka = testKafka(env, "edm-bench");
const admin = kafka.admin();
await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions: 3 })));
await admin.disconnect();
const producer = kafka.producer();
await producer.connect();

/** The ceiling: the same frames, from a bare socket.io server fed in-process. */
async function bareServer(): Promise<Delivery> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const runId = randomUUID().slice(0, 8);
  const crowd = await connectCrowd({ url, clients, workers, frames: true, runId });
  const intervalMs = loadConfig({ ...env, ...streamEnv }).frameIntervalMs;
  const frames = createFrameClock({ intervalMs, send: (frame) => io.emit(SOCKET_FRAME, frame) });
  const sent = await sendAtRate(rate, seconds, (index, now) => benchEvent(index, runId, now), frames.add);
  await settle();
  const delivery = await crowd.report(sent);
  frames.stop();
  await io.close();
  return delivery;
}

async function stream(frames: boolean): Promise<Delivery> {
  const running = await startStream(
    loadConfig({ ...env, ...streamEnv, PORT: "0", STREAM_INSTANCE_ID: `bench-${randomUUID().slice(0, 8)}` }),
    { log },
  );
  await waitUntilStreaming(running.url, () => produceEvents(producer, [benchEvent(0, "warm-up")]));
  const runId = randomUUID().slice(0, 8);
  const crowd = await connectCrowd({ url: running.url, clients, workers, frames, runId });
  const sent = await sendAtRate(
    rate,
    seconds,
    (index, now) => benchEvent(index, runId, now),
    (events) => produceEvents(producer, events),
  );
  await settle();
  const delivery = await crowd.report(sent);
  const { droppedEvents, stalledDisconnects } = running.status();
  await running.stop();
  if (droppedEvents > 0 || stalledDisconnects > 0)
    console.log(
      `  (edm-stream dropped ${droppedEvents} events to slow clients, disconnected ${stalledDisconnects})`,
    );
  return delivery;
}

/** Click to dashboard: POST to edm-relay (answered after Kafka's ack) until a dashboard's frame brings it. */
async function clickToDashboard(): Promise<Delivery> {
  const relay = await startRelay(loadRelayConfig({ ...env, PORT: "0", RATE_LIMIT_PER_MINUTE: "10000000" }), {
    log,
  });
  await relay.kafkaConnected;
  const running = await startStream(
    loadConfig({ ...env, ...streamEnv, PORT: "0", STREAM_INSTANCE_ID: `bench-${randomUUID().slice(0, 8)}` }),
    { log },
  );
  await waitUntilStreaming(running.url, () => produceEvents(producer, [benchEvent(0, "warm-up")]));
  const runId = randomUUID().slice(0, 8);
  const crowd = await connectCrowd({ url: running.url, clients: 10, workers: 1, frames: true, runId });
  let index = 0;
  const load = await autocannon({
    url: `${relay.url}/api/events`,
    connections: 100,
    overallRate: clickRate,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          const { id: _assignedByTheRelay, ...event } = benchEvent(index++, runId);
          return { ...request, body: JSON.stringify(event) };
        },
      },
    ],
  });
  await settle();
  const delivery = await crowd.report(index);
  await running.stop();
  await relay.stop();
  console.log(
    `  relay: ${Math.round(load["2xx"] / seconds)} events/s accepted, ${load.non2xx} refused, POST p99 ${load.latency.p99} ms`,
  );
  return delivery;
}

console.log(
  `edm-stream: ${clients} dashboards over ${workers} processes, ${rate} events/s for ${seconds} s (${EVENT_TOPICS.length}×3 partitions)`,
);
const rows: Record<string, unknown>[] = [];
rows.push({ label: "ceiling: bare socket.io, same frames", ...(await bareServer()) });
for (const form of forms) {
  rows.push({ label: `edm-stream, ${form}`, ...(await stream(form === "frames")) });
}
console.table(rows);
console.log("goal: 100 % delivered, p99 ≤ 100 ms");

console.log(`click to dashboard: ${clickRate} POST/s to edm-relay, 10 dashboards on frames, ${seconds} s`);
console.table([{ label: `${TOPICS.click} and ${TOPICS.pageload} via relay`, ...(await clickToDashboard()) }]);
console.log("goal: p99 ≤ 50 ms");
await producer.disconnect();
process.exit(0);
