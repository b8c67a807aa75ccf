/**
 * @edm/tracing: OpenTelemetry's SDK, started once per back-end process (first thing in main.ts), and the
 * only package that knows the SDK. Spans themselves are made with @opentelemetry/api where they happen
 * (the relay's request and producer spans, @edm/kafka's consumer spans); trace context in Kafka record
 * headers is @edm/kafka's (traceHeaders, traceIdOf). Kept apart from @edm/runtime so the front-ends'
 * static servers, which bundle @edm/runtime, carry none of it.
 *
 *   const tracing = startTracing({ service: "edm-stats" }); // a no-op without OTEL_EXPORTER_OTLP_ENDPOINT
 *   await runService({ name: "edm-stats", log, tracing, start });
 */
export type { Tracing, TracingOptions } from "./start-tracing";
export { startTracing } from "./start-tracing";
