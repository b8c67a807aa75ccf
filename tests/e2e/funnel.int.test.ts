import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { runEdm } from "@edm/cli/testing";
import { FUNNEL_STEPS, type FunnelResponse, FunnelResponseSchema } from "@edm/schema";
import { createTestSchema, eventually, scrapeMetrics, sumOf, type TestSchema } from "@edm/testkit";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningSystem, startSystem } from "../../scripts/dev/system";
import { repoRoot } from "../setup/paths";

// `pnpm edm load`'s simulated shoppers through the real relay and broker into edm-funnel, as `npm start`
// runs them: GET /api/funnel shows a funnel whose steps never increase, and the dashboard's panel shows it.

let system: RunningSystem;
let schema: TestSchema;
let browser: Browser | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "e2e_funnel");
  system = await startSystem({
    ports: {
      shop: await freePort(),
      relay: await freePort(),
      stream: await freePort(),
      stats: await freePort(),
      dashboard: await freePort(),
      funnel: await freePort(),
    },
    infra: {
      kafkaEnv: { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: `e2e-funnel-${randomUUID().slice(0, 8)}.` },
      databaseUrl: schema.url,
    },
    repoRoot,
    build: false,
    only: ["edm-relay", "edm-funnel", "edm-dashboard"],
    say: () => {},
    onAppLine: () => {},
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await schema?.drop();
}, 60_000);

describe("pnpm edm load into edm-funnel", () => {
  let funnel: FunnelResponse;

  it("gives a funnel whose steps never increase, every acknowledged event counted", async () => {
    const funnelUrl = system.urls.funnel ?? "";
    const run = await runEdm(
      ["load", "--relay", system.urls.relay, "--events", "300", "--rate", "150", "--json"],
      {},
    );
    expect(run.code, run.stderr).toBe(0);
    const { acknowledged } = JSON.parse(run.stdout) as { acknowledged: number };
    expect(acknowledged).toBe(300);
    await eventually(
      async () =>
        sumOf(await scrapeMetrics(funnelUrl), "edm_kafka_consumer_records_total", { group: "edm-funnel" }) >=
        acknowledged,
      { timeoutMs: 60_000, what: "every acknowledged event handled by edm-funnel" },
    );

    funnel = FunnelResponseSchema.parse(await (await fetch(`${funnelUrl}/api/funnel?hours=24`)).json());
    const counts = FUNNEL_STEPS.map((step) => funnel.total.sessions[step]);
    expect(counts[0]).toBeGreaterThan(0);
    for (let i = 1; i < counts.length; i += 1) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] ?? 0);
    for (const hour of funnel.byHour) {
      const perHour = FUNNEL_STEPS.map((step) => hour.sessions[step]);
      for (let i = 1; i < perHour.length; i += 1) expect(perHour[i]).toBeLessThanOrEqual(perHour[i - 1] ?? 0);
    }
  });

  it("shows the same numbers in the dashboard's funnel panel", async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const page = await browser.newPage();
    await page.goto(system.urls.dashboard);
    for (const step of FUNNEL_STEPS) {
      const count = page.getByTestId(`funnel-step-${step}`).getByTestId("funnel-count");
      // Empty (not rendered yet) is no number at all; a rendered count may have thousands separators.
      const shown = async () => {
        const text = await count.textContent({ timeout: 1_000 }).catch(() => null);
        return text ? Number(text.replace(/\D/g, "")) : Number.NaN;
      };
      await expect.poll(shown, { timeout: 30_000 }).toBe(funnel.total.sessions[step]);
    }
  });
});
