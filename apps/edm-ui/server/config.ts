import { loadEnv, port, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";

/** A local run's relay (`npm start`); vite.config.ts uses the same default for `vite dev`. */
export const DEFAULT_RELAY_URL = "http://localhost:3001";

const schema = z.object({
  PORT: port(3000),
  /** Where the browser sends events; handed to it through GET /config.json. */
  RELAY_URL: urlWithProtocol("http", "https").default(DEFAULT_RELAY_URL),
});

export interface ShopConfig {
  port: number;
  relayUrl: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ShopConfig {
  const parsed = loadEnv(schema, env);
  return { port: parsed.PORT, relayUrl: parsed.RELAY_URL.replace(/\/+$/, "") };
}
