import { randomUUID } from "node:crypto";
import { createTestSchema, eventually, freePort, type TestSchema } from "@edm/testkit";
import { type Browser, chromium } from "playwright-core";
import { inject } from "vitest";
import { type RunningSystem, startSystem } from "../../../scripts/dev/system";
import { repoRoot } from "../../setup/paths";

const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The whole system as `npm start` runs it, on free ports, with a real Chromium to drive it. */
export interface BrowserSystem {
  system: RunningSystem;
  browser: Browser;
  /** The apps' Kafka variables, with this test's own KAFKA_PREFIX. */
  kafkaEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts every app on its own schema (`schemaName`) and topic prefix (`<prefix>-<random>.`), waits until the
 * back-ends are ready, and launches Chromium.
 */
export async function startBrowserSystem(options: {
  schemaName: string;
  prefix: string;
  onAppLine?: (app: string, line: string) => void;
}): Promise<BrowserSystem> {
  const schema: TestSchema = await createTestSchema(inject("databaseUrl"), options.schemaName);
  const ports = {
    shop: await freePort(),
    relay: await freePort(),
    stream: await freePort(),
    stats: await freePort(),
    dashboard: await freePort(),
  };
  const kafkaEnv = {
    ...inject("kafkaPlaintextEnv"),
    KAFKA_PREFIX: `${options.prefix}-${randomUUID().slice(0, 8)}.`,
  };
  let system: RunningSystem | undefined;
  try {
    system = await startSystem({
      ports,
      infra: { kafkaEnv, databaseUrl: schema.url },
      repoRoot,
      build: false,
      say: () => {},
      onAppLine: options.onAppLine ?? (() => {}),
    });
    const { urls } = system;
    await Promise.all([ready(urls.relay), ready(urls.stream), ready(urls.stats)]);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumFlags,
    });
    return { system, browser, kafkaEnv, stop: () => stopAll(browser, system, schema) };
  } catch (error) {
    await stopAll(undefined, system, schema);
    throw error;
  }
}

async function stopAll(browser: Browser | undefined, system: RunningSystem | undefined, schema: TestSchema) {
  await browser?.close();
  await system?.stop();
  await schema.drop();
}

async function ready(url: string) {
  await eventually(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, {
    timeoutMs: 60_000,
    what: `${url}/readyz`,
  });
}

/** What edm-stats has counted for a button. */
export async function clickCount(statsUrl: string, buttonId: string): Promise<number> {
  const rows = (await (await fetch(`${statsUrl}/api/clickCount`)).json()) as {
    button_id: string;
    sum: string;
  }[];
  return Number(rows.find((row) => row.button_id === buttonId)?.sum ?? 0);
}
