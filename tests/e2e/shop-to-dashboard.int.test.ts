// A person's view of the whole system: the real shop and dashboard in a real Chromium, every service as
// `npm start` runs it, the real Kafka broker and PostgreSQL underneath.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSystem } from "../../scripts/dev/system";
import {
  type BrowserSystem,
  clickCount as countedClicks,
  startBrowserSystem,
} from "./support/browser-system";

let whole: BrowserSystem;
let system: RunningSystem;
let browser: BrowserSystem["browser"];
const appOutput: string[] = [];

const clickCount = (buttonId: string) => countedClicks(system.urls.stats, buttonId);

async function dataValue(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).getAttribute("data-value", { timeout: 1_000 })) ?? "NaN");
}

beforeAll(async () => {
  whole = await startBrowserSystem({
    schemaName: "e2e",
    prefix: "e2e",
    onAppLine: (app, line) => appOutput.push(`${app}| ${line}`),
  });
  ({ system, browser } = whole);
}, 180_000);

afterAll(async () => {
  await whole?.stop();
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

  it("shows the pipeline's health: each service's readiness and the edm-stats group's lag, live", async () => {
    const dashboard = await browser.newPage();
    await dashboard.goto(system.urls.dashboard);
    const panel = dashboard.getByTestId("panel-pipeline");
    const readiness = (name: string) => panel.getByTestId(`pipeline-service-${name}`).textContent();
    for (const name of ["edm-stats", "edm-relay", "edm-stream"]) {
      await expect.poll(() => readiness(name), { timeout: 20_000 }).toBe(`${name}: ready`);
    }
    // Every click above is counted: the group is caught up.
    const statsGroup = panel.getByTestId("pipeline-group-edm-stats");
    await expect
      .poll(() => statsGroup.getByTestId("pipeline-lag").textContent(), { timeout: 20_000 })
      .toBe("0");
    expect(await statsGroup.textContent()).toContain("caught up");
    expect(await panel.getByTestId("pipeline-dead-letters").textContent()).toBe("0");

    const stream = system.restartable("edm-stream");
    await stream.stop();
    await expect
      .poll(() => readiness("edm-stream"), { timeout: 20_000 })
      .toBe("edm-stream: not ready (cannot be reached)");
    await stream.start();
    await expect.poll(() => readiness("edm-stream"), { timeout: 60_000 }).toBe("edm-stream: ready");
  });
});
