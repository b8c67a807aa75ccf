/**
 * How many events per second edm-relay gets into Kafka, and how long a request waits for its answer
 * (which comes only after Kafka's acknowledgement). Runs the relay twice against the same local broker:
 * coalescing on (the default), and the baseline with one produce request per HTTP request.
 *
 *   pnpm bench:relay            (REQUESTS=4000 CONCURRENCY=64 to change the load)
 */
import { randomUUID } from "node:crypto";
import { createLogger } from "@edm/runtime";
import { TOPICS } from "@edm/schema";
import { testKafka } from "@edm/testkit";
import { loadConfig, startRelay } from "edm-relay";
import { resolveKafka } from "../scripts/kafka/local-kafka";
import { percentile, runLoad } from "./load";

const requests = Number(process.env.REQUESTS ?? 4_000);
const concurrency = Number(process.env.CONCURRENCY ?? 64);
const log = createLogger({ service: "bench", env: { LOG_LEVEL: "warn" } });

function clickEvent(session: string) {
  return {
    topic: TOPICS.click,
    uuid: session,
    event_timestamp: Date.now(),
    properties: { button_id: "the-camper's-kit", description: "button click" },
  };
}

async function measure(label: string, maxEventsPerSend: string) {
  const prefix = `bench-${randomUUID().slice(0, 8)}.`;
  const env = { ...(await resolveKafka()).plaintextEnv, KAFKA_PREFIX: prefix };
  const admin = testKafka(env, "edm-bench").admin();
  await admin.ensureTopics([TOPICS.click, TOPICS.pageload].map((topic) => ({ topic, partitions: 3 })));
  await admin.disconnect();
  const relay = await startRelay(
    loadConfig({
      ...env,
      PORT: "0",
      MAX_EVENTS_PER_SEND: maxEventsPerSend,
      RATE_LIMIT_PER_MINUTE: "10000000",
    }),
    { log },
  );
  await relay.kafkaConnected;
  const post = (i: number) =>
    fetch(`${relay.url}/api/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(clickEvent(`session-${i % 100}`)),
    }).then((res) => {
      if (res.status !== 202) throw new Error(`relay answered ${res.status}`);
    });
  await runLoad(post, { requests: 200, concurrency }); // warm-up: connections, metadata, JIT
  const result = await runLoad(post, { requests, concurrency });
  const stats = relay.stats();
  await relay.stop();
  return {
    label,
    "events/s": Math.round(requests / result.seconds),
    "p50 ms": percentile(result.latenciesMs, 50).toFixed(1),
    "p99 ms": percentile(result.latenciesMs, 99).toFixed(1),
    "produce requests": stats.sends,
  };
}

console.log(
  `edm-relay: ${requests} POST /api/events (one event each), ${concurrency} at a time, acks from all ISR`,
);
const rows = [
  await measure("baseline: one produce per request", "1"),
  await measure("edm-relay (coalescing)", "2000"),
];
console.table(rows);
process.exit(0);
