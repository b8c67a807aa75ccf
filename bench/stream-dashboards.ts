/**
 * edm-stream against its goals (issue 12), each figure beside a ceiling measured in the same run:
 *
 * - BENCH_DASHBOARDS (500) dashboards on frames, as edm-dashboard takes them, spread over
 *   BENCH_CLIENT_PROCESSES (4) processes so the clients are not what limits the measure, receiving
 *   BENCH_STREAM_RATE (1,000) events/s produced to Kafka; the ceiling is a bare socket.io server sending
 *   the same frames with no Kafka in between. Goal: 100 % delivered, p99 ≤ 100 ms.
 * - Click to dashboard at BENCH_CLICK_RATE (2,000) events/s: single-event POSTs to edm-relay (autocannon
 *   at that overall rate), timed until a dashboard's frame brings them; the ceiling is the same rate
 *   produced straight to Kafka, so what the relay adds shows. Goal: p99 ≤ 50 ms.
 *
 * edm-relay and edm-stream run as their own processes, as deployed. STREAM_FRAME_INTERVAL tries another
 * frame interval. A delay runs from the event's event_timestamp (set as it is handed over) to its arrival.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { KafkaProducer } from "@edm/kafka";
import { SOCKET_FRAME } from "@edm/schema";
import { scrapeMetrics, sumOf } from "@edm/testkit";
import autocannon from "autocannon";
import { createFrameClock, loadConfig as loadStreamConfig } from "edm-stream";
import { Server } from "socket.io";
import { benchEvent, produceEvents } from "./support/bench-events";
import { type BenchKafka, benchTopics } from "./support/bench-topics";
import { inTurns, type Paired } from "./support/rounds";
import { type ServiceProcess, startService } from "./support/service-process";
import { RELAY_BENCH_ENV, RELAY_SCRIPT, settings, WARM_UP_SECONDS } from "./support/settings";
import { connectCrowd, type Delivery, sendAtRate, waitUntilStreaming } from "./support/stream-crowd";
import { type Comparison, printComparisons } from "./support/table";

const STREAM_SCRIPT = "apps/edm-stream/src/main.ts";
const dashboards = Number(process.env.BENCH_DASHBOARDS ?? 500);
const clientProcesses = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
const streamRate = Number(process.env.BENCH_STREAM_RATE ?? 1_000);
const clickRate = Number(process.env.BENCH_CLICK_RATE ?? 2_000);
const streamEnv: Record<string, string> = process.env.STREAM_FRAME_INTERVAL
  ? { STREAM_FRAME_INTERVAL: process.env.STREAM_FRAME_INTERVAL }
  : {};
/** Time given to the last events to arrive once sending stops. */
const SETTLE_MS = 3_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

interface Crowd {
  dashboards: number;
  processes: number;
}

/** The ceiling of the fan-out: the same frames from a bare socket.io server fed in this process. */
async function bareSocketIo(crowd: Crowd, frameIntervalMs: number): Promise<Delivery> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const runId = randomUUID().slice(0, 8);
  const clients = await connectCrowd({
    url,
    clients: crowd.dashboards,
    workers: crowd.processes,
    frames: true,
    runId,
  });
  const frames = createFrameClock({
    intervalMs: frameIntervalMs,
    send: (frame) => io.emit(SOCKET_FRAME, frame),
  });
  const sent = await sendAtRate(
    streamRate,
    settings.seconds,
    (index, now) => benchEvent(index, runId, now),
    frames.add,
  );
  await settle();
  frames.stop();
  const delivery = await clients.report(sent);
  await io.close();
  return delivery;
}

/** Events produced straight to Kafka at `rate`, until the stream's dashboards have them. */
async function producedToKafka(
  stream: ServiceProcess,
  producer: KafkaProducer,
  crowd: Crowd,
  rate: number,
): Promise<Delivery> {
  const runId = randomUUID().slice(0, 8);
  const clients = await connectCrowd({
    url: stream.url,
    clients: crowd.dashboards,
    workers: crowd.processes,
    frames: true,
    runId,
  });
  const sent = await sendAtRate(
    rate,
    settings.seconds,
    (index, now) => benchEvent(index, runId, now),
    (events) => produceEvents(producer, events),
  );
  await settle();
  return clients.report(sent);
}

/** Single-event POSTs to the relay at `rate`; counts as sent what the relay says it accepted. */
async function postedToRelay(stream: ServiceProcess, relay: ServiceProcess, rate: number): Promise<Delivery> {
  const runId = randomUUID().slice(0, 8);
  const clients = await connectCrowd({ url: stream.url, clients: 1, workers: 1, frames: true, runId });
  const acceptedBefore = await acceptedByRelay(relay);
  await postClicks(relay, rate, settings.seconds, runId);
  await settle();
  return clients.report((await acceptedByRelay(relay)) - acceptedBefore);
}

/** Events as the shop sends them, one per POST, at `rate` requests a second over 100 connections. */
async function postClicks(
  relay: ServiceProcess,
  rate: number,
  seconds: number,
  runId: string,
): Promise<void> {
  let index = 0;
  await autocannon({
    url: `${relay.url}/api/events`,
    connections: 100,
    overallRate: rate,
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
}

async function acceptedByRelay(relay: ServiceProcess): Promise<number> {
  return sumOf(await scrapeMetrics(relay.url), "edm_relay_events_accepted_total");
}

async function withStream<T>(
  kafka: BenchKafka,
  run: (stream: ServiceProcess, producer: KafkaProducer) => Promise<T>,
) {
  const stream = await startService({
    script: STREAM_SCRIPT,
    env: { ...kafka.env, ...streamEnv },
    readyPath: "/readyz",
    cpuProfileDir: settings.cpuProfileDir,
  });
  const producer = kafka.kafka.producer();
  await producer.connect();
  try {
    // The stream's group starts at the newest records once it has joined: nothing counts before that.
    await waitUntilStreaming(stream.url, () => produceEvents(producer, [benchEvent(0, "warm-up")]));
    return await run(stream, producer);
  } finally {
    const behind = stream.output().match(/stream\.client\.behind/g)?.length ?? 0;
    if (behind > 0) console.warn(`edm-stream: dashboards fell behind and missed events ${behind} times`);
    await producer.disconnect();
    await stream.stop();
  }
}

const byP99 = (delivery: Delivery) => delivery.p99Ms;

/** Delivery beside its ceiling; the goals: every event to every dashboard, p99 within `p99GoalMs`. */
function deliveryFigures({ ceiling, measured }: Paired<Delivery>, p99GoalMs: number): Comparison[] {
  const percent = (delivery: Delivery) => 100 * delivery.delivered;
  return [
    { figure: "delivered", unit: "%", measured: percent(measured), ceiling: percent(ceiling), bound: 100 },
    { figure: "p50", unit: "ms", measured: measured.p50Ms, ceiling: ceiling.p50Ms, lowerIsBetter: true },
    {
      figure: "p99",
      unit: "ms",
      measured: measured.p99Ms,
      ceiling: ceiling.p99Ms,
      lowerIsBetter: true,
      bound: p99GoalMs,
    },
  ];
}

async function benchFanOut(): Promise<void> {
  const kafka = await benchTopics();
  const crowd = { dashboards, processes: clientProcesses };
  const { frameIntervalMs } = loadStreamConfig({ ...kafka.env, ...streamEnv });
  try {
    const { ceiling, measured } = await withStream(kafka, (stream, producer) =>
      inTurns(
        () => bareSocketIo(crowd, frameIntervalMs),
        () => producedToKafka(stream, producer, crowd, streamRate),
        byP99,
      ),
    );
    printComparisons(
      `edm-stream: ${dashboards} dashboards on frames (${clientProcesses} client processes) × ${streamRate} events/s vs a bare socket.io server sending the same frames, median of ${settings.rounds} × ${settings.seconds} s`,
      deliveryFigures({ ceiling, measured }, 100),
    );
  } finally {
    await kafka.cleanUp();
  }
}

async function benchClickToDashboard(): Promise<void> {
  const kafka = await benchTopics();
  const relay = await startService({
    script: RELAY_SCRIPT,
    env: { ...kafka.env, ...RELAY_BENCH_ENV },
    cpuProfileDir: settings.cpuProfileDir,
  });
  try {
    await postClicks(relay, clickRate / 4, WARM_UP_SECONDS, "warm-up");
    const { ceiling, measured } = await withStream(kafka, (stream, producer) =>
      inTurns(
        () => producedToKafka(stream, producer, { dashboards: 1, processes: 1 }, clickRate),
        () => postedToRelay(stream, relay, clickRate),
        byP99,
      ),
    );
    printComparisons(
      `click to dashboard at ${clickRate} events/s: POSTed to edm-relay vs produced straight to Kafka, through edm-stream to a dashboard on frames, median of ${settings.rounds} × ${settings.seconds} s`,
      deliveryFigures({ ceiling, measured }, 50),
    );
  } finally {
    await relay.stop();
    await kafka.cleanUp();
  }
}

export async function benchStreamDashboards(): Promise<void> {
  await benchFanOut();
  await benchClickToDashboard();
}
