import { retryDelayMs } from "./tracking/backoff";

// The relay's address is read at start-up from GET /config.json (served by server/main.ts, and by the
// vite dev server), so one build runs against any relay; the original baked it in at build time.

export interface RuntimeConfig {
  relayUrl: string;
}

export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const relayUrl = (value as { relayUrl?: unknown } | null)?.relayUrl;
  if (typeof relayUrl !== "string" || !/^https?:\/\//.test(relayUrl) || !URL.canParse(relayUrl)) {
    throw new Error("config.json must hold relayUrl, an http:// or https:// URL");
  }
  return { relayUrl: relayUrl.replace(/\/+$/, "") };
}

export function eventsEndpoint({ relayUrl }: RuntimeConfig): string {
  return `${relayUrl}/api/events`;
}

export interface LoadOptions {
  fetch: (url: string, init?: RequestInit) => Promise<Pick<Response, "ok" | "status" | "json">>;
  sleep?: (ms: number) => Promise<void>;
  log?: Pick<Console, "warn">;
}

/**
 * Fetches /config.json until it works, waiting longer between tries: the shop keeps recording events
 * in the meantime, they just wait in the outbox until the relay's address is known.
 */
export async function loadRuntimeConfig({
  fetch,
  sleep = defaultSleep,
  log = console,
}: LoadOptions): Promise<RuntimeConfig> {
  for (let failures = 1; ; failures += 1) {
    try {
      const response = await fetch("/config.json", { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return parseRuntimeConfig(await response.json());
    } catch (err) {
      if (failures === 1) log.warn("edm-ui: could not load /config.json; retrying", err);
      await sleep(retryDelayMs(failures));
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
