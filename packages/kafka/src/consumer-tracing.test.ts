import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { logHandledRecords, startBatchTrace } from "./consumer-tracing";
import type { ConsumedRecord } from "./records";

const WHERE = { groupId: "edm-stats", topic: "edm-ui-click", partition: 2 };

function record(offset: number, headers: Record<string, string> = {}): ConsumedRecord {
  return {
    topic: WHERE.topic,
    partition: 2,
    offset: String(offset),
    key: null,
    value: null,
    headers,
    timestamp: 0,
  };
}

function traceparent(traceId: string, spanId = "b7ad6b7169203331"): string {
  return `00-${traceId}-${spanId}-01`;
}

function recordingTracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracer: provider.getTracer("test"), spans: () => exporter.getFinishedSpans() };
}

const TRACE_A = "a".repeat(32);
const TRACE_B = "b".repeat(32);

describe("startBatchTrace", () => {
  it("continues each record's trace with a process span, parented on the span that produced it", () => {
    const { tracer, spans } = recordingTracer();
    const traced = startBatchTrace(
      WHERE,
      [
        record(7, { traceparent: traceparent(TRACE_A, "1111111111111111") }),
        record(8, { traceparent: traceparent(TRACE_B) }),
      ],
      tracer,
    );
    traced.end();

    const processed = spans().filter((span) => span.name === "process edm-ui-click");
    expect(processed.map((span) => span.spanContext().traceId)).toEqual([TRACE_A, TRACE_B]);
    const first = processed[0];
    expect(first?.parentSpanContext?.spanId).toBe("1111111111111111");
    expect(first?.kind).toBe(SpanKind.CONSUMER);
    expect(first?.attributes).toMatchObject({
      "messaging.system": "kafka",
      "messaging.consumer.group.name": "edm-stats",
      "messaging.destination.name": "edm-ui-click",
      "messaging.destination.partition.id": "2",
      "messaging.kafka.offset": 7,
    });
  });

  it("makes one receive span for the batch, linked to every record's producer, active for the handler", () => {
    const { tracer, spans } = recordingTracer();
    const traced = startBatchTrace(
      WHERE,
      [record(1, { traceparent: traceparent(TRACE_A) }), record(2), record(3, { traceparent: "garbage" })],
      tracer,
    );
    const active = trace.getSpanContext(traced.context);
    traced.end();

    const batch = spans().find((span) => span.name === "receive edm-ui-click");
    expect(batch?.attributes["messaging.batch.message_count"]).toBe(3);
    expect(batch?.links.map((link) => link.context.traceId)).toEqual([TRACE_A]);
    expect(active?.spanId).toBe(batch?.spanContext().spanId);
    // Records without a valid traceparent get no span of their own.
    expect(spans()).toHaveLength(2);
  });

  it("marks every span of a failed batch as failed", () => {
    const { tracer, spans } = recordingTracer();
    startBatchTrace(WHERE, [record(1, { traceparent: traceparent(TRACE_A) })], tracer).end(
      new Error("db down"),
    );
    expect(spans().map((span) => span.status)).toEqual([
      { code: SpanStatusCode.ERROR, message: "db down" },
      { code: SpanStatusCode.ERROR, message: "db down" },
    ]);
  });

  it("records nothing with the API's no-op tracer (no SDK started)", () => {
    const traced = startBatchTrace(WHERE, [record(1, { traceparent: traceparent(TRACE_A) })]);
    expect(trace.getSpan(traced.context)).toBeUndefined();
    expect(() => traced.end()).not.toThrow();
  });
});

describe("logHandledRecords", () => {
  it("logs each record at debug with the trace id its headers carry", () => {
    const lines: { fields: object; message: string }[] = [];
    const log = {
      debug: (fields: object, message: string) => lines.push({ fields, message }),
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    logHandledRecords(log, WHERE, [record(7, { traceparent: traceparent(TRACE_A) }), record(8)]);
    expect(lines.map((line) => line.fields)).toEqual([
      expect.objectContaining({ event: "kafka.record.handled", offset: "7", trace_id: TRACE_A }),
      expect.objectContaining({ offset: "8", trace_id: undefined }),
    ]);
    expect(lines[0]?.message).toBe("consumer group edm-stats handled record 7 of edm-ui-click[2]");
  });

  it("builds nothing when debug is off", () => {
    const log = {
      debug: () => expect.fail("logged"),
      info: () => {},
      warn: () => {},
      error: () => {},
      isLevelEnabled: () => false,
    };
    logHandledRecords(log, WHERE, [record(1)]);
  });
});
