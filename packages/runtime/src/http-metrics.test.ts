import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogs } from "./capture-logs";
import { metricsRoutes } from "./http-metrics";
import { type RunningHttpServer, startHttpServer } from "./http-server";
import { createMetricsRegistry } from "./metrics-registry";

const servers: RunningHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((running) => running.close(1_000)));
});

async function serve(token?: string) {
  const registry = createMetricsRegistry({ service: "test-app" });
  const app = express();
  app.use(metricsRoutes({ registry, ...(token ? { token } : {}) }));
  app.get("/items/:id", (_req, res) => {
    res.json({ ok: true });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: "none" });
  });
  const running = await startHttpServer({ app, port: 0, host: "127.0.0.1", log: captureLogs().log });
  servers.push(running);
  return running.url;
}

describe("metricsRoutes", () => {
  it("serves process metrics and request latency by route pattern and status", async () => {
    const url = await serve();
    await fetch(`${url}/items/1`);
    await fetch(`${url}/items/2`);
    await fetch(`${url}/no/such/thing`);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();

    expect(text).toContain(
      'edm_http_request_duration_seconds_count{service="test-app",method="GET",route="/items/:id",status_code="200"} 2',
    );
    expect(text).toContain(
      'edm_http_request_duration_seconds_count{service="test-app",method="GET",route="(unmatched)",status_code="404"} 1',
    );
    expect(text).not.toContain("/no/such/thing");
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="test-app"\} /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="test-app"\} /m);
  });

  it("needs the bearer token when one is set, and answers 401 in JSON without it", async () => {
    const token = "a-token-long-enough-1234";
    const url = await serve(token);
    const without = await fetch(`${url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toContain("Bearer");
    expect(await without.json()).toEqual({ error: expect.stringContaining("METRICS_TOKEN") });
    expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const withToken = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
  });
});
