// One trace per click, across the real services and the real broker: the relay continues the shop's trace
// (server span, then a producer span that names itself in each record's `traceparent`), and both consumer
// groups, edm-stats and edm-stream, continue it for the record they handle. Spans are caught in memory.
import { DEAD_LETTER_HEADERS, traceIdOf } from "@edm/kafka";
import { type CapturedLogs, captureLogs } from "@edm/runtime";
import { DEAD_LETTER_TOPIC, EVENT_ID_HEADER, TOPICS } from "@edm/schema";
import { eventually, readTopic } from "@edm/testkit";
import { startTracing, type Tracing } from "@edm/tracing";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { loadConfig as loadRelayConfig, type RunningRelay, startRelay } from "edm-relay";
import { postJson } from "edm-relay/testing";
import { type RunningStats, startStats } from "edm-stats";
import { click, type StatsTestEnv, setUpStatsTest } from "edm-stats/testing";
import type { RunningStream } from "edm-stream";
import { startTestStream } from "edm-stream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let test: StatsTestEnv;
let relay: RunningRelay;
let stats: RunningStats;
let stream: RunningStream;
const logs: Record<"relay" | "stats" | "stream", CapturedLogs> = {
  relay: captureLogs({ service: "edm-relay", level: "debug" }),
  stats: captureLogs({ service: "edm-stats", level: "debug" }),
  stream: captureLogs({ service: "edm-stream", level: "debug" }),
};

/** What a browser sends: its own trace and span ids. */
const BROWSER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const BROWSER_SPAN = "00f067aa0ba902b7";

beforeAll(async () => {
  tracing = startTracing({ service: "edm-test", exporter });
  test = await setUpStatsTest("tracing");
  stats = await startStats(test.config(), { log: logs.stats.log });
  stream = await startTestStream(
    { env: test.env, kafka: test.kafka, producer: test.producer, cleanup: async () => {} },
    "trace",
    { log: logs.stream.log },
  );
  relay = await startRelay(loadRelayConfig({ ...test.env, PORT: "0", SEND_TIMEOUT_MS: "5s" }), {
    log: logs.relay.log,
  });
  await relay.kafkaConnected;
});

afterAll(async () => {
  await Promise.all([relay?.stop(), stats?.stop(), stream?.stop()]);
  await test?.close();
  await tracing?.stop();
});

const spansOf = (traceId: string) =>
  exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);

const groupOf = (span: ReadableSpan) => String(span.attributes["messaging.consumer.group.name"]);

describe("a click's trace", () => {
  it("runs from the relay's HTTP request through the produce into both consumer groups", async () => {
    const event = click("traced-kit");
    const answer = await postJson(`${relay.url}/api/events`, event, {
      traceparent: `00-${BROWSER_TRACE}-${BROWSER_SPAN}-01`,
    });
    expect(answer.status).toBe(202);

    // Each group's process span ends when its batch is committed.
    await eventually(
      () =>
        new Set(
          spansOf(BROWSER_TRACE)
            .filter((span) => span.name === "process edm-ui-click")
            .map(groupOf),
        ).size === 2,
      { timeoutMs: 30_000, what: "a process span from edm-stats and one from edm-stream" },
    );

    const spans = spansOf(BROWSER_TRACE);
    const server = spans.find((span) => span.kind === SpanKind.SERVER);
    expect(server?.name).toBe("POST /api/events");
    expect(server?.parentSpanContext?.spanId).toBe(BROWSER_SPAN);
    expect(server?.attributes["http.response.status_code"]).toBe(202);

    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER);
    expect(producer?.name).toBe("send edm-ui-click");
    expect(producer?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);

    // The record names the producer span; each group's span is its child.
    const [record] = await readTopic(test.kafka, TOPICS.click, { count: 1 });
    expect(record?.headers[EVENT_ID_HEADER]).toBe(event.id);
    expect(record?.headers.traceparent).toBe(`00-${BROWSER_TRACE}-${producer?.spanContext().spanId}-01`);
    const consumed = spans.filter((span) => span.name === "process edm-ui-click");
    expect(consumed.map(groupOf).sort()).toEqual(["edm-stats", expect.stringMatching(/^edm-stream/)]);
    for (const span of consumed) {
      expect(span.kind).toBe(SpanKind.CONSUMER);
      expect(span.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    }

    // The same trace id in the relay's access log and both consumers' lines about the record.
    const withTrace = (captured: CapturedLogs) =>
      captured.lines().filter((line) => line.trace_id === BROWSER_TRACE);
    expect(withTrace(logs.relay).map((line) => line.msg)).toContainEqual(
      expect.stringMatching(/^POST \/api\/events answered 202/),
    );
    for (const consumer of [logs.stats, logs.stream]) {
      expect(withTrace(consumer).map((line) => line.event)).toContain("kafka.record.handled");
    }
  });

  it("starts at the relay when the request carries none, and still reaches the consumers", async () => {
    const answer = await postJson(`${relay.url}/api/events`, click("untraced-kit"));
    expect(answer.status).toBe(202);
    const traceId = relayTraceIdOf(logs.relay, "202");
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await eventually(
      () => spansOf(traceId ?? "").filter((span) => span.name === "process edm-ui-click").length === 2,
      { timeoutMs: 30_000, what: "both groups' process spans in the relay's trace" },
    );
    expect(
      spansOf(traceId ?? "").find((span) => span.kind === SpanKind.SERVER)?.parentSpanContext,
    ).toBeUndefined();
  });

  it("keeps the record's traceparent on the dead-letter topic, and logs the dead letter with its trace_id", async () => {
    const traceparent = `00-${"d".repeat(32)}-${"e".repeat(16)}-01`;
    await test.producer.send(TOPICS.click, [{ key: "k", value: "not JSON {", headers: { traceparent } }]);

    const [letter] = await readTopic(test.kafka, DEAD_LETTER_TOPIC, { count: 1, timeoutMs: 30_000 });
    expect(letter?.headers.traceparent).toBe(traceparent);
    expect(letter?.headers[DEAD_LETTER_HEADERS.topic]).toBe(TOPICS.click);
    expect(traceIdOf(letter?.headers ?? {})).toBe("d".repeat(32));
    await eventually(
      () =>
        logs.stats
          .lines()
          .some((line) => line.event === "stats.record.invalid" && line.trace_id === "d".repeat(32)),
      { timeoutMs: 10_000, what: "the dead letter's log line with its trace_id" },
    );
    // edm-stats's process span for it is in the record's trace too (it ends once the batch is committed).
    await eventually(() => spansOf("d".repeat(32)).map(groupOf).includes("edm-stats"), {
      timeoutMs: 10_000,
      what: "edm-stats's process span in the dead record's trace",
    });
  });
});

/** The trace id on the newest access line that answered `status`. */
function relayTraceIdOf(captured: CapturedLogs, status: string): string | undefined {
  const line = captured
    .lines()
    .filter((entry) => String(entry.msg).includes(`answered ${status}`))
    .at(-1);
  return typeof line?.trace_id === "string" ? line.trace_id : undefined;
}
