import {
  type Context,
  context,
  type Link,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { errorMessage } from "./client-parts";
import type { KafkaLogger } from "./logger-bridge";
import type { ConsumedRecord } from "./records";
import { spanContextFromHeaders, traceIdOf } from "./trace-context";

// Every consumer's batches are traced here, so each consumer built on this package continues the trace of
// what it reads without a line of its own:
//   - `receive <topic>`: one span per batch (kind consumer, a new trace), linked to each record's producer
//     span; the handler runs inside it, so spans the handler starts (a dead-letter send) are its children.
//   - `process <topic>`: one span per record that carries a `traceparent`, a child of the producer span
//     that wrote it, so the click's trace shows every consumer group that handled it. Records are handled a
//     batch at a time, so it lasts as long as the batch.
// With no tracing SDK started the tracer is the API's no-op one: nothing is created past one check.

const tracerName = "@edm/kafka";

export interface BatchWhere {
  /** Logical consumer-group name. */
  groupId: string;
  /** Logical topic name. */
  topic: string;
  partition: number;
}

export interface BatchTrace {
  /** The context to run the handler in: the batch span is active there. */
  context: Context;
  /** Ends every span of the batch, as failed when `error` is given. */
  end(error?: unknown): void;
}

/** Past this many, links are dropped (OpenTelemetry's default span limit is 128 links). */
const MAX_LINKS = 128;

export function startBatchTrace(
  where: BatchWhere,
  records: readonly ConsumedRecord[],
  tracer: Tracer = trace.getTracer(tracerName),
): BatchTrace {
  const attributes = {
    "messaging.system": "kafka",
    "messaging.consumer.group.name": where.groupId,
    "messaging.destination.name": where.topic,
    "messaging.destination.partition.id": String(where.partition),
  };
  const batch = tracer.startSpan(
    `receive ${where.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...attributes,
        "messaging.operation.type": "receive",
        "messaging.batch.message_count": records.length,
      },
    },
    ROOT_CONTEXT,
  );
  if (!batch.isRecording()) return { context: context.active(), end: () => batch.end() };

  const links: Link[] = [];
  const spans: Span[] = [batch];
  for (const record of records) {
    const producer = spanContextFromHeaders(record.headers);
    if (!producer) continue;
    if (links.length < MAX_LINKS) links.push({ context: producer });
    spans.push(
      tracer.startSpan(
        `process ${where.topic}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            ...attributes,
            "messaging.operation.type": "process",
            "messaging.kafka.offset": Number(record.offset),
          },
          links: [{ context: batch.spanContext() }],
        },
        trace.setSpanContext(ROOT_CONTEXT, producer),
      ),
    );
  }
  batch.addLinks(links);
  return {
    context: trace.setSpan(context.active(), batch),
    end(error) {
      for (const span of spans) {
        if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
        span.end();
      }
    },
  };
}

/**
 * One debug line per handled record with its trace id, so LOG_LEVEL=debug shows which consumer handled the
 * click a trace id names (the relay logs the same trace_id on its access line).
 */
export function logHandledRecords(
  log: KafkaLogger,
  where: BatchWhere,
  records: readonly ConsumedRecord[],
): void {
  if (log.isLevelEnabled?.("debug") === false) return;
  for (const record of records) {
    log.debug(
      {
        event: "kafka.record.handled",
        groupId: where.groupId,
        topic: where.topic,
        partition: where.partition,
        offset: record.offset,
        trace_id: traceIdOf(record.headers),
      },
      `consumer group ${where.groupId} handled record ${record.offset} of ${where.topic}[${where.partition}]`,
    );
  }
}
