import { EVENT_TOPICS } from "@edm/schema";
import { createPrivateBroker, eventually, type PrivateBroker, testKafka } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { type RunningRelay, startRelay } from "./service";
import { click, newSession } from "./testing/events";
import { postJson, quietLog } from "./testing/relay-fixture";

// Kafka is not there yet when the relay starts (a dyno booting during a broker maintenance): the relay
// must bind its port at once, say 503 until the broker answers, then become ready by itself. The broker
// is one of this test's own, started only after the relay.

let broker: PrivateBroker;
let relay: RunningRelay | undefined;

beforeAll(async () => {
  broker = await createPrivateBroker();
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  await broker?.destroy();
}, 60_000);

describe("edm-relay started before Kafka is up", () => {
  it("answers on its port with 503 until Kafka appears, then takes events without a restart", async () => {
    const env = { ...broker.env, KAFKA_PREFIX: "late." };
    relay = await startRelay(loadConfig({ ...env, PORT: "0", SEND_TIMEOUT_MS: "2s" }), { log: quietLog() });

    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    const readiness = await fetch(`${relay.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ failing: ["kafka"] });
    const session = newSession();
    const early = await postJson(`${relay.url}/api/events`, click(session, 0));
    expect(early.status, JSON.stringify(early.body)).toBe(503);
    expect(early.body).toMatchObject({ reason: "connecting" });
    expect(Number(early.headers.get("retry-after"))).toBeGreaterThan(0);

    await broker.start();
    const admin = testKafka(env).admin();
    try {
      await admin.ensureTopics(EVENT_TOPICS.map((topic) => ({ topic, partitions: 1 })));
    } finally {
      await admin.disconnect();
    }
    // The relay retries with back-off up to 30 s between attempts.
    await eventually(async () => (await fetch(`${relay?.url}/readyz`)).status === 200, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: "/readyz of the relay answering 200 once Kafka is up",
    });
    const later = await postJson(`${relay.url}/api/events`, click(session, 0));
    expect(later.status, JSON.stringify(later.body)).toBe(202);
  }, 240_000);
});
