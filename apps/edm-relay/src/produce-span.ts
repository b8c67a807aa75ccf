import { traceHeaders } from "@edm/kafka";
import type { IdentifiedEvent } from "@edm/schema";
import { type Context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = trace.getTracer("edm-relay");

/**
 * Runs `send` inside a producer span for one request's events: `send` gets the trace headers to write on
 * each record (`traceparent`), which name this span, so each consumer's span is its child. The span lasts
 * until Kafka acknowledged the events (or the send failed).
 */
export async function withProducerSpan<T>(
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
