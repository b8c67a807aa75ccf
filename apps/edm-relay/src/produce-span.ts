import { traceHeaders } from "@edm/kafka";
import type { IdentifiedEvent } from "@edm/schema";
import {
  type Context,
  isSpanContextValid,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

const tracer = trace.getTracer("edm-relay");

/**
 * Runs `send` inside a producer span for one request's events: `send` gets the trace headers to write on
 * each record (`traceparent`), which name this span, so each consumer's span is its child. The span lasts
 * until Kafka acknowledged the events (or the send failed). A span that neither records nor carries a
 * trace (no tracing SDK, no trace in the request) names nothing: `send` gets no headers.
 */
export function withProducerSpan<T>(
  parent: Context,
  events: readonly IdentifiedEvent[],
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const topics = [...new Set(events.map((event) => event.topic))].sort();
  const span = tracer.startSpan(
    `send ${topics.join(" ")}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        "messaging.system": "kafka",
        "messaging.operation.type": "send",
        "messaging.destination.name": topics.join(","),
        "messaging.batch.message_count": events.length,
      },
    },
    parent,
  );
  if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return send({});
  return sendInSpan(parent, span, send);
}

async function sendInSpan<T>(
  parent: Context,
  span: Span,
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  try {
    return await send(traceHeaders(trace.setSpan(parent, span)));
  } catch (error) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}
