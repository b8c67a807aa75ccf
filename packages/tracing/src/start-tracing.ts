import { context, propagation, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-node";

// OpenTelemetry tracing, started once per process, first thing in main.ts. Spans are made with the API
// (@opentelemetry/api) wherever they happen; only this file knows the SDK. Without an OTLP endpoint no SDK
// is started: the API's tracer stays a no-op, so nothing is recorded, buffered or sent, and a span costs a
// function call. Trace ids still travel (see @edm/kafka's trace-context.ts), so log lines keep them.

export interface TracingOptions {
  /** service.name on every span: the app's name (OTEL_SERVICE_NAME overrides it, as everywhere in OTel). */
  service: string;
  env?: Record<string, string | undefined>;
  /**
   * For tests: every span goes here as soon as it ends (e.g. an InMemorySpanExporter), whatever the
   * environment says.
   */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** True when spans are recorded and exported. */
  enabled: boolean;
  /** Sends the spans still buffered, then goes back to the no-op tracer. Never throws. */
  stop(): Promise<void>;
}

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set and
 * OTEL_SDK_DISABLED is not "true". Spans are batched and sent over OTLP/HTTP (JSON) to that endpoint; the
 * exporter reads the other OTEL_EXPORTER_OTLP_* variables (headers, timeout) itself.
 */
export function startTracing(options: TracingOptions): Tracing {
  const env = options.env ?? process.env;
  if (!options.exporter && !tracingWanted(env)) return { enabled: false, stop: async () => {} };
  const service = env.OTEL_SERVICE_NAME?.trim() || options.service;
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ "service.name": service })),
    spanProcessors: [processor],
  });
  // Sets the global tracer, the W3C propagator and the AsyncLocalStorage context manager, so a span
  // started inside another one's callback becomes its child.
  provider.register();
  return {
    enabled: true,
    async stop() {
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function tracingWanted(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}
