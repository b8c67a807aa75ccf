// Two tabs of the shop share one localStorage. Each must send only its own events, and a closed tab's
// events must be sent by exactly one other tab: proven in a real Chromium against the whole system,
// counting what the relay actually accepted (edm-stats would hide a double send: it counts an id once).
import { TOPICS } from "@edm/schema";
import { readTopic, testKafka } from "@edm/testkit";
import type { BrowserContext, Page } from "playwright-core";
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
let kafkaEnv: Record<string, string>;

const clickCount = (buttonId: string) => countedClicks(system.urls.stats, buttonId);

async function pending(page: Page): Promise<number> {
  return Number(await page.getByTestId("pending-events").getAttribute("data-pending"));
}

interface SentEvent {
  id: string;
  topic: string;
  properties: { button_id?: string };
}

/**
 * Every POST the shop's tabs make to the relay passes through here on its way: the event ids of each
 * batch the relay answered 2xx for are kept, in order, repeats included.
 */
async function recordAcceptedSends(context: BrowserContext): Promise<SentEvent[]> {
  const accepted: SentEvent[] = [];
  await context.route(`${system.urls.relay}/api/events`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const batch = JSON.parse(route.request().postData() ?? "[]") as SentEvent[];
    const response = await route.fetch().catch(() => undefined);
    if (!response) return route.abort("connectionrefused");
    if (response.ok()) accepted.push(...batch);
    return route.fulfill({ response });
  });
  return accepted;
}

beforeAll(async () => {
  whole = await startBrowserSystem({ schemaName: "e2e_tabs", prefix: "e2e-tabs" });
  ({ system, browser, kafkaEnv } = whole);
}, 180_000);

afterAll(async () => {
  await whole?.stop();
}, 60_000);

describe("two shop tabs open at once", () => {
  it("send every click exactly once, a closed tab's clicks included, across a relay outage", async () => {
    const context = await browser.newContext();
    const accepted = await recordAcceptedSends(context);
    const chemex = await context.newPage();
    const pourOver = await context.newPage();
    await chemex.goto(`${system.urls.shop}/kits/the-chemex-kit`);
    await pourOver.goto(`${system.urls.shop}/kits/the-pour-over-kit`);
    // The exact path: tabs coordinate with Web Locks, which Chromium offers on 127.0.0.1.
    expect(await chemex.evaluate(() => "locks" in navigator)).toBe(true);

    const addChemex = chemex.getByRole("button", { name: "Add to Cart" });
    const addPourOver = pourOver.getByRole("button", { name: "Add to Cart" });
    const clickBoth = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await addChemex.click();
        await addPourOver.click();
      }
    };

    await clickBoth(6);
    const relay = system.restartable("edm-relay");
    await relay.stop();
    await clickBoth(4);

    // A third tab clicks while the relay is away and is closed: its clicks stay in its outbox until
    // one of the other two tabs adopts them.
    const coldBrew = await context.newPage();
    await coldBrew.goto(`${system.urls.shop}/kits/the-cold-brew-kit`);
    const addColdBrew = coldBrew.getByRole("button", { name: "Add to Cart" });
    for (let i = 0; i < 3; i++) await addColdBrew.click();
    await expect.poll(() => pending(coldBrew), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await coldBrew.close();
    await clickBoth(2);

    await relay.start();
    const expected = { "the-chemex-kit": 12, "the-pour-over-kit": 12, "the-cold-brew-kit": 3 };
    for (const [buttonId, count] of Object.entries(expected)) {
      await expect.poll(() => clickCount(buttonId), { timeout: 90_000 }).toBe(count);
    }
    await expect.poll(() => pending(chemex), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => pending(pourOver), { timeout: 60_000 }).toBe(0);

    // What the relay accepted: every click once, none twice.
    const acceptedClicks = accepted.filter((event) => event.topic === TOPICS.click);
    const perButton = (events: SentEvent[]) =>
      Object.fromEntries(
        Object.keys(expected).map((buttonId) => [
          buttonId,
          events.filter((event) => event.properties.button_id === buttonId).length,
        ]),
      );
    expect(perButton(acceptedClicks)).toEqual(expected);
    const acceptedIds = accepted.map((event) => event.id);
    expect(new Set(acceptedIds).size).toBe(acceptedIds.length);

    // What Kafka holds: each of those ids written once, and nothing else.
    const kafka = testKafka(kafkaEnv, "e2e-tabs-reader");
    const written = await readTopic(kafka, TOPICS.click, { count: 27, settleMs: 2_000, timeoutMs: 30_000 });
    const writtenIds = written.map((record) => record.headers["edm-event-id"]);
    expect(writtenIds).toHaveLength(27);
    expect(new Set(writtenIds)).toEqual(new Set(acceptedClicks.map((event) => event.id)));

    for (const [buttonId, count] of Object.entries(expected)) expect(await clickCount(buttonId)).toBe(count);
    await context.close();
  });
});
