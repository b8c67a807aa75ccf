// One trace per click, as an operator would follow it: a click in the real shop, in a real Chromium, sends a
// POST with a `traceparent`; the same trace id is in the Kafka record's headers, in the relay's access log
// and in both consumers' log lines, and the services' spans reach an OTLP endpoint (a small collector here).
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { traceIdOf } from "@edm/kafka";
import { TOPICS } from "@edm/schema";
import { createTestSchema, eventually, readTopic, type TestSchema, testKafka } from "@edm/testkit";
import { type Browser, chromium, type Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningSystem, startSystem } from "../../scripts/dev/system";
import { repoRoot } from "../setup/paths";

const chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

let system: RunningSystem;
let schema: TestSchema;
let browser: Browser;
let collector: Server;
let kafkaEnv: Record<string, string>;
/** Each app's JSON log lines. */
const appLines: { app: string; line: Record<string, unknown> }[] = [];
/** Trace ids of the spans each service exported, by service.name. */
const exported = new Map<string, Set<string>>();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** An OTLP/HTTP endpoint that keeps the trace ids of what it is sent (JSON, as the exporter sends it). */
function startCollector(): Promise<number> {
  collector = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (req.url === "/v1/traces") recordExport(JSON.parse(body) as OtlpTraces);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolve) =>
    collector.listen(0, "127.0.0.1", () => resolve((collector.address() as { port: number }).port)),
  );
}

interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { traceId: string }[] }[];
  }[];
}

function recordExport(traces: OtlpTraces): void {
  for (const { resource, scopeSpans } of traces.resourceSpans ?? []) {
    const service = resource?.attributes?.find((attribute) => attribute.key === "service.name");
    const ids = exported.get(service?.value.stringValue ?? "?") ?? new Set<string>();
    for (const scope of scopeSpans ?? []) for (const span of scope.spans ?? []) ids.add(span.traceId);
    exported.set(service?.value.stringValue ?? "?", ids);
  }
}

function parsed(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "e2e_trace");
  const collectorPort = await startCollector();
  kafkaEnv = { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: `e2e-trace-${randomUUID().slice(0, 8)}.` };
  const ports = {
    shop: await freePort(),
    relay: await freePort(),
    stream: await freePort(),
    stats: await freePort(),
    dashboard: await freePort(),
  };
  system = await startSystem({
    ports,
    infra: {
      // Every Kafka app gets these: debug lines name each record a consumer handled, and spans go to the
      // collector at once rather than every 5 s.
      kafkaEnv: {
        ...kafkaEnv,
        LOG_LEVEL: "debug",
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
        OTEL_BSP_SCHEDULE_DELAY: "200",
      },
      databaseUrl: schema.url,
    },
    repoRoot,
    build: false,
    only: ["edm-ui", "edm-relay", "edm-stream", "edm-stats"],
    say: () => {},
    onAppLine: (app, line) => {
      const entry = parsed(line);
      if (entry) appLines.push({ app, line: entry });
    },
  });
  for (const url of [system.urls.relay, system.urls.stream, system.urls.stats]) {
    await eventually(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, {
      timeoutMs: 60_000,
      what: `${url}/readyz`,
    });
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumFlags,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await schema?.drop();
  collector?.close();
}, 60_000);

const sentClick = (request: Request, buttonId: string) =>
  request.method() === "POST" &&
  request.url().endsWith("/api/events") &&
  (request.postData() ?? "").includes(`"button_id":"${buttonId}"`);

describe("a click in the shop", () => {
  it("is one trace: the request's traceparent, the Kafka record, the relay's and both consumers' logs", async () => {
    const shop = await browser.newPage();
    await shop.goto(`${system.urls.shop}/kits/the-pour-over-kit`);
    // The page load's own POST first, so the click travels alone.
    await expect
      .poll(async () => Number(await shop.getByTestId("pending-events").getAttribute("data-pending")), {
        timeout: 20_000,
      })
      .toBe(0);

    const request = shop.waitForRequest((sent) => sentClick(sent, "the-pour-over-kit"), { timeout: 20_000 });
    await shop.getByRole("button", { name: "Add to Cart" }).click();
    const traceparent = (await request).headers().traceparent ?? "";
    expect(traceparent).toMatch(TRACEPARENT);
    const traceId = TRACEPARENT.exec(traceparent)?.[1] ?? "";

    const kafka = testKafka(kafkaEnv, "edm-trace-e2e");
    const records = await readTopic(kafka, TOPICS.click, { count: 1, timeoutMs: 20_000 });
    const record = records.find((found) => found.value?.toString().includes("the-pour-over-kit"));
    expect(record && traceIdOf(record.headers)).toBe(traceId);

    const logged = (app: string, event?: string) =>
      appLines.some(
        ({ app: from, line }) =>
          from === app && line.trace_id === traceId && (event === undefined || line.event === event),
      );
    await eventually(
      () =>
        logged("edm-relay") &&
        logged("edm-stats", "kafka.record.handled") &&
        logged("edm-stream", "kafka.record.handled"),
      { timeoutMs: 20_000, what: `trace ${traceId} in the relay's and both consumers' logs` },
    );
    await eventually(
      () => ["edm-relay", "edm-stats", "edm-stream"].every((service) => exported.get(service)?.has(traceId)),
      { timeoutMs: 20_000, what: `spans of trace ${traceId} from the relay and both consumers, over OTLP` },
    );
  });
});
