// A person's view of the whole system: the real shop and dashboard in a real Chromium, every service as
// `npm start` runs it, the real Kafka broker and PostgreSQL underneath.
import { randomUUID } from "node:crypto";
import { createTestSchema, eventually, freePort, type TestSchema } from "@edm/testkit";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningSystem, startSystem } from "../../scripts/dev/system";
import { repoRoot } from "../setup/paths";

const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let system: RunningSystem;
let schema: TestSchema;
let browser: Browser;
const appOutput: string[] = [];

async function clickCount(buttonId: string): Promise<number> {
  const rows = (await (await fetch(`${system.urls.stats}/api/clickCount`)).json()) as {
    button_id: string;
    sum: string;
  }[];
  return Number(rows.find((row) => row.button_id === buttonId)?.sum ?? 0);
}

async function dataValue(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).getAttribute("data-value", { timeout: 1_000 })) ?? "NaN");
}

async function ready(url: string) {
  await eventually(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, {
    timeoutMs: 60_000,
    what: `${url}/readyz`,
  });
}

beforeAll(async () => {
  schema = await createTestSchema(inject("databaseUrl"), "e2e");
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
      kafkaEnv: { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: `e2e-${randomUUID().slice(0, 8)}.` },
      databaseUrl: schema.url,
    },
    repoRoot,
    build: false,
    say: () => {},
    onAppLine: (app, line) => appOutput.push(`${app}| ${line}`),
  });
  await Promise.all([ready(system.urls.relay), ready(system.urls.stream), ready(system.urls.stats)]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumFlags,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await schema?.drop();
}, 60_000);

describe("a visitor clicks around the shop while someone watches the dashboard", () => {
  it("shows the clicks live, counts them exactly once, and keeps them in the history", async () => {
    const dashboard = await browser.newPage();
    await dashboard.goto(system.urls.dashboard);
    await expect
      .poll(() => dashboard.getByTestId("stream-status").getAttribute("data-state"))
      .toBe("connected");

    const shop = await browser.newPage();
    await shop.goto(`${system.urls.shop}/kits/the-chemex-kit`);
    const addToCart = shop.getByRole("button", { name: "Add to Cart" });
    for (let i = 0; i < 3; i++) await addToCart.click();
    await shop.getByRole("link", { name: "Browse Products" }).first().click();
    await shop.getByRole("link", { name: "Browse Kits" }).first().click();

    await expect.poll(() => dataValue(dashboard, "clicks-live-the-chemex-kit"), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => clickCount("the-chemex-kit"), { timeout: 20_000 }).toBe(3);

    await dashboard.reload();
    await expect.poll(() => dataValue(dashboard, "clicks-total-the-chemex-kit"), { timeout: 20_000 }).toBe(3);
    expect(await clickCount("the-chemex-kit")).toBe(3);
  });

  it("keeps clicks made while the relay is down, and delivers each exactly once when it is back", async () => {
    const relay = system.restartable("edm-relay");
    const shop = await browser.newPage();
    await shop.goto(`${system.urls.shop}/kits/the-pour-over-kit`);
    await relay.stop();

    const addToCart = shop.getByRole("button", { name: "Add to Cart" });
    await addToCart.click();
    await addToCart.click();
    await expect
      .poll(async () => Number(await shop.getByTestId("pending-events").getAttribute("data-pending")), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(2);
    expect(await clickCount("the-pour-over-kit")).toBe(0);

    await relay.start();
    await expect.poll(() => clickCount("the-pour-over-kit"), { timeout: 60_000 }).toBe(2);
    await expect
      .poll(async () => Number(await shop.getByTestId("pending-events").getAttribute("data-pending")), {
        timeout: 30_000,
      })
      .toBe(0);
    expect(await clickCount("the-pour-over-kit")).toBe(2);
  });
});
