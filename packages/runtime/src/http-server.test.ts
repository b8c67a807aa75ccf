import { Agent, request } from "node:http";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogs } from "./capture-logs";
import { healthRoutes } from "./health-routes";
import { type RunningHttpServer, startHttpServer } from "./http-server";

const servers: RunningHttpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((running) => running.close(1_000)));
});

async function start(app: Parameters<typeof startHttpServer>[0]["app"]) {
  const running = await startHttpServer({ app, port: 0, host: "127.0.0.1", log: captureLogs().log });
  servers.push(running);
  return running;
}

function get(url: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startHttpServer with healthRoutes", () => {
  it("listens on the port it was given 0 for and reports it in url", async () => {
    const running = await start(express().use(healthRoutes()));
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(running.port).toBeGreaterThan(0);
  });

  it("answers /healthz with 200 ok", async () => {
    const running = await start(express().use(healthRoutes({ ready: () => ({ kafka: false }) })));
    const res = await get(`${running.url}/healthz`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: "ok" });
  });

  it("answers /readyz with 200 when every check passes", async () => {
    const running = await start(
      express().use(healthRoutes({ ready: async () => ({ kafka: true, db: true }) })),
    );
    const res = await get(`${running.url}/readyz`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: "ready", checks: { kafka: true, db: true } });
  });

  it("answers /readyz with 503 naming the failing check", async () => {
    const running = await start(
      express().use(healthRoutes({ ready: async () => ({ kafka: false, db: true }) })),
    );
    const res = await get(`${running.url}/readyz`);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({
      status: "not ready",
      failing: ["kafka"],
      checks: { kafka: false, db: true },
    });
  });

  it("answers /readyz with 503 when a check throws or hangs", async () => {
    const throwing = await start(
      express().use(
        healthRoutes({
          ready: () => {
            throw new Error("boom");
          },
        }),
      ),
    );
    expect((await get(`${throwing.url}/readyz`)).status).toBe(503);

    const hanging = await start(
      express().use(healthRoutes({ ready: () => new Promise(() => {}), readyTimeoutMs: 50 })),
    );
    const res = await get(`${hanging.url}/readyz`);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).reason).toBe("readiness checks did not answer within 50 ms");
  });

  it("accepts a plain request handler", async () => {
    const running = await start((_req, res) => res.end("plain"));
    expect((await get(running.url)).body).toBe("plain");
  });

  it("fails to start with the listen error when the port is taken", async () => {
    const first = await start((_req, res) => res.end());
    await expect(
      startHttpServer({
        app: (_req, res) => res.end(),
        port: first.port,
        host: "127.0.0.1",
        log: captureLogs().log,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

describe("RunningHttpServer.close", () => {
  it("lets an in-flight request finish before resolving", async () => {
    let finishRequest = () => {};
    let requestArrived = () => {};
    const arrived = new Promise<void>((resolve) => {
      requestArrived = resolve;
    });
    const running = await start((_req, res) => {
      finishRequest = () => res.end("finished");
      requestArrived();
    });

    const response = get(`${running.url}/slow`);
    await arrived;
    let closed = false;
    const closing = running.close(5_000).then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);

    finishRequest();
    expect(await response).toEqual({ status: 200, body: "finished" });
    await closing;
    expect(closed).toBe(true);
  });

  it("refuses new connections once closing", async () => {
    const running = await start((_req, res) => res.end());
    await running.close();
    await expect(get(running.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("does not wait for idle keep-alive connections", async () => {
    const agent = new Agent({ keepAlive: true });
    const running = await start((_req, res) => res.end("ok"));
    await get(running.url, agent);
    const startedAt = Date.now();
    await running.close(10_000);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    agent.destroy();
  });

  it("cuts requests still running when the timeout passes", async () => {
    const { log, lines } = captureLogs();
    const running = await startHttpServer({
      app: () => {},
      port: 0,
      host: "127.0.0.1",
      log,
    });
    const response = get(running.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.close(100);
    await expect(response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(lines().some((line) => line.level === "warn" && /cutting them/.test(String(line.msg)))).toBe(true);
  });
});
