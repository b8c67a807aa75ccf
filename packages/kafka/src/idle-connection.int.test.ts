import { afterAll, describe, expect, inject, it } from "vitest";
import { createKafka } from "./client";
import { loadKafkaConfig } from "./config";
import { captureLog } from "./testing/capture-log";

// kafkajs 2.2.4 re-armed a timer with a negative delay after every answered request, so an idle
// connection spun on a 1 ms timer for ever; Node 24 reports each such timer as a TimeoutNegativeWarning.
// patches/kafkajs@2.2.4.patch stops it: no warning may appear however many requests are answered.
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.name);
process.on("warning", onWarning);

const kafka = createKafka(loadKafkaConfig(inject("kafkaPlaintextEnv"), { clientId: "edm-kafka-idle" }), {
  log: captureLog(),
});
const admin = kafka.admin();
const producer = kafka.producer();

afterAll(async () => {
  process.off("warning", onWarning);
  await producer.disconnect();
  await admin.disconnect();
});

describe("an idle kafkajs connection (patched)", () => {
  it("arms no negative timer after its requests are answered", async () => {
    await producer.connect();
    for (let request = 0; request < 5; request += 1) await admin.listTopics();
    // Warnings are emitted on the next tick of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((name) => name === "TimeoutNegativeWarning")).toEqual([]);
  });
});
