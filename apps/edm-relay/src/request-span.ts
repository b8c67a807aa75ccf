import { contextFromHeaders } from "@edm/kafka";
import { routeLabel } from "@edm/runtime";
import {
  type Context,
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import type { Request, RequestHandler } from "express";

// The relay's server span: one per event request, continuing the trace the shop started (its `traceparent`
// header) or starting one. Its context is kept per request, not only as the active context, because with
// no tracing SDK there is no context manager: the shop's trace id must still reach the records and the log.
// A span that neither records nor carries a trace (no SDK, no traceparent) is left at that: a CPU profile
// of the relay under load showed the bookkeeping of such empty spans costing several percent of its CPU.

const tracer = trace.getTracer("edm-relay");
const contexts = new WeakMap<Request, Context>();

/** Starts a server span for each request it sees; ends it when the answer has gone out. */
export function traceRequests(): RequestHandler {
  return (req, res, next) => {
    const parent = contextFromHeaders(traceHeadersOf(req));
    const span = tracer.startSpan(
      `${req.method} ${req.originalUrl.split("?")[0]?.slice(0, 100)}`,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method } },
      parent,
    );
    if (!span.isRecording() && !isSpanContextValid(span.spanContext())) {
      next();
      return;
    }
    const traced = trace.setSpan(parent, span);
    contexts.set(req, traced);
    res.once("close", () => {
      span.updateName(`${req.method} ${routeLabel(req)}`);
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(traced, next);
  };
}

/** The request's trace context (its server span), to parent what it causes on. */
export function requestTraceContext(req: Request): Context {
  return contexts.get(req) ?? ROOT_CONTEXT;
}

/** `{ trace_id }` for the request's log lines, or nothing when the request has no trace. */
export function requestTraceFields(req: Request): { trace_id?: string } {
  const spanContext = trace.getSpanContext(requestTraceContext(req));
  return spanContext && isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId } : {};
}

function traceHeadersOf(req: Request): Record<string, string> {
  const { traceparent, tracestate } = req.headers;
  const headers: Record<string, string> = {};
  if (typeof traceparent === "string" && traceparent) headers.traceparent = traceparent;
  if (typeof tracestate === "string" && tracestate) headers.tracestate = tracestate;
  return headers;
}
