import { loadEnv, port, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";
import type { RuntimeConfig } from "../src/runtime-config";
import { LOCAL_DASHBOARD_PORT, LOCAL_URLS } from "./local-urls";

export interface DashboardServerConfig {
  port: number;
  /** Served as /config.json. */
  runtimeConfig: RuntimeConfig;
  /** Origins the page may connect to (Content-Security-Policy connect-src). */
  connectTo: string[];
}

const httpUrl = () => urlWithProtocol("http", "https");

const envSchema = z.object({
  PORT: port(LOCAL_DASHBOARD_PORT),
  STATS_URL: httpUrl().default(LOCAL_URLS.stats),
  STREAM_URL: httpUrl().default(LOCAL_URLS.stream),
  FUNNEL_URL: httpUrl().default(LOCAL_URLS.funnel),
  // No default: a link to a shop on localhost would be wrong anywhere but a developer's machine.
  SHOP_URL: httpUrl().optional(),
});

export function loadConfig(env: Record<string, string | undefined> = process.env): DashboardServerConfig {
  const parsed = loadEnv(envSchema, env);
  const runtimeConfig: RuntimeConfig = {
    statsUrl: parsed.STATS_URL,
    streamUrl: parsed.STREAM_URL,
    funnelUrl: parsed.FUNNEL_URL,
  };
  if (parsed.SHOP_URL) runtimeConfig.shopUrl = parsed.SHOP_URL;
  return {
    port: parsed.PORT,
    runtimeConfig,
    connectTo: [
      ...new Set([parsed.STATS_URL, parsed.STREAM_URL, parsed.FUNNEL_URL].map((url) => new URL(url).origin)),
    ],
  };
}
