import {
  type Context,
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  type SpanContext,
  trace,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";

// W3C trace context in Kafka record headers, the way the OpenTelemetry Kafka instrumentations carry it:
// a `traceparent` header (and `tracestate` when there is one). The propagator is used directly rather than
// through the API's global one, so a record's trace id is read and written the same way whether or not a
// tracing SDK was started: with none, spans are the API's no-op ones, yet a trace id that came in still
// travels on and still reaches the log lines.

/** Header names W3C trace context uses; the same on HTTP requests and Kafka records. */
export const TRACE_HEADERS = { traceparent: "traceparent", tracestate: "tracestate" } as const;

const propagator = new W3CTraceContextPropagator();

const textHeaders = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};

/** The headers that carry `from`'s active span (none when it has no valid span), to add to a record. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(from, headers, { set: (carrier, key, value) => (carrier[key] = value) });
  return headers;
}

/**
 * The context a record's (or request's) headers carry, to parent a span on: `ROOT_CONTEXT` with the
 * remote span set, or `ROOT_CONTEXT` alone when there is no valid `traceparent`.
 */
export function contextFromHeaders(headers: Record<string, string>): Context {
  if (!headers[TRACE_HEADERS.traceparent]) return ROOT_CONTEXT;
  return propagator.extract(ROOT_CONTEXT, headers, textHeaders);
}

/** The remote span a record's headers name, if their `traceparent` is valid. */
export function spanContextFromHeaders(headers: Record<string, string>): SpanContext | undefined {
  const spanContext = trace.getSpanContext(contextFromHeaders(headers));
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The trace id (32 hex digits) a record's headers carry, for log lines about it; undefined when none. */
export function traceIdOf(headers: Record<string, string>): string | undefined {
  return spanContextFromHeaders(headers)?.traceId;
}
