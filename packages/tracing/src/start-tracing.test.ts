import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { afterEach, describe, expect, it } from "vitest";
import { startTracing, type Tracing } from "./start-tracing";

let tracing: Tracing | undefined;

afterEach(async () => {
  await tracing?.stop();
  tracing = undefined;
});

describe("startTracing", () => {
  it("starts nothing without an OTLP endpoint: the tracer stays the API's no-op one", () => {
    tracing = startTracing({ service: "edm-test", env: {} });
    expect(tracing.enabled).toBe(false);
    const span = trace.getTracer("test").startSpan("anything");
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it("starts nothing when OTEL_SDK_DISABLED says so, even with an endpoint", () => {
    tracing = startTracing({
      service: "edm-test",
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", OTEL_SDK_DISABLED: "true" },
    });
    expect(tracing.enabled).toBe(false);
  });

  it("records spans under the service's name, and goes back to the no-op tracer once stopped", async () => {
    const exporter = new InMemorySpanExporter();
    tracing = startTracing({ service: "edm-test", env: {}, exporter });
    expect(tracing.enabled).toBe(true);
    trace.getTracer("test").startSpan("one").end();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe("one");
    expect(span?.resource.attributes["service.name"]).toBe("edm-test");

    await tracing.stop();
    tracing = undefined;
    expect(trace.getTracer("test").startSpan("after").isRecording()).toBe(false);
  });

  it("names the service as OTEL_SERVICE_NAME says, when set", () => {
    const exporter = new InMemorySpanExporter();
    tracing = startTracing({ service: "edm-test", env: { OTEL_SERVICE_NAME: "edm-stats-eu" }, exporter });
    trace.getTracer("test").startSpan("one").end();
    expect(exporter.getFinishedSpans()[0]?.resource.attributes["service.name"]).toBe("edm-stats-eu");
  });

  it("is enabled by an OTLP endpoint alone (spans then go there, batched)", () => {
    tracing = startTracing({
      service: "edm-test",
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" },
    });
    expect(tracing.enabled).toBe(true);
    expect(trace.getTracer("test").startSpan("x").isRecording()).toBe(true);
  });
});
