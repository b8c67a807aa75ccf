import { ROOT_CONTEXT, TraceFlags, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import {
  contextFromHeaders,
  spanContextFromHeaders,
  TRACE_HEADERS,
  traceHeaders,
  traceIdOf,
} from "./trace-context";

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
const SPAN_ID = "b7ad6b7169203331";
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe("traceHeaders", () => {
  it("writes a context's span as a W3C traceparent header", () => {
    const from = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(traceHeaders(from)).toEqual({ [TRACE_HEADERS.traceparent]: TRACEPARENT });
  });

  it("keeps tracestate beside it", () => {
    const headers = traceHeaders(contextFromHeaders({ traceparent: TRACEPARENT, tracestate: "edm=1" }));
    expect(headers).toEqual({ traceparent: TRACEPARENT, tracestate: "edm=1" });
  });

  it("writes nothing for a context with no span (no trace to continue)", () => {
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
  });
});

describe("reading trace context from headers", () => {
  it("reads the trace and span a traceparent names, as a remote parent", () => {
    expect(spanContextFromHeaders({ traceparent: TRACEPARENT, "edm-event-id": "x" })).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(traceIdOf({ traceparent: TRACEPARENT })).toBe(TRACE_ID);
  });

  it("survives a write and a read: what one service writes, the next reads back", () => {
    const written = traceHeaders(contextFromHeaders({ traceparent: TRACEPARENT }));
    expect(traceIdOf(written)).toBe(TRACE_ID);
  });

  it.each([
    ["no header", {}],
    ["an empty one", { traceparent: "" }],
    ["text that is not a traceparent", { traceparent: "hello" }],
    ["an all-zero trace id", { traceparent: `00-${"0".repeat(32)}-${SPAN_ID}-01` }],
    ["an all-zero span id", { traceparent: `00-${TRACE_ID}-${"0".repeat(16)}-01` }],
    ["version ff", { traceparent: `ff-${TRACE_ID}-${SPAN_ID}-01` }],
  ])("finds no trace in %s", (_what, headers: Record<string, string>) => {
    expect(spanContextFromHeaders(headers)).toBeUndefined();
    expect(traceIdOf(headers)).toBeUndefined();
    expect(traceHeaders(contextFromHeaders(headers))).toEqual({});
  });
});
