import { z } from "zod";

/** Settings the page reads at start-up from GET /config.json, so one build runs anywhere. */
export interface RuntimeConfig {
  /** edm-stats, for the history over HTTP. */
  statsUrl: string;
  /** edm-stream, for live events over socket.io. */
  streamUrl: string;
  /** edm-funnel, for the funnel panel (no panel without it). */
  funnelUrl?: string | undefined;
  /** The shop, for the "open the shop" link when there is nothing to show yet. */
  shopUrl?: string | undefined;
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

const RuntimeConfigSchema = z.object({
  statsUrl: httpUrl,
  streamUrl: httpUrl,
  funnelUrl: httpUrl.optional(),
  shopUrl: httpUrl.optional(),
});

/** Checks /config.json's body; the error names the field so a wrong deployment is quick to fix. */
export function parseRuntimeConfig(body: unknown): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`);
  throw new Error(`/config.json is not usable: ${problems.join("; ")}`);
}

export async function loadRuntimeConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchFn("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/config.json answered HTTP ${response.status}`);
  return parseRuntimeConfig(await response.json());
}
