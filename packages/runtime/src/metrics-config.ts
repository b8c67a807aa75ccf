import { z } from "zod";
import { loadEnv } from "./env";

export interface MetricsConfig {
  /** When set, GET /metrics answers only requests that carry it as a bearer token. */
  token?: string | undefined;
}

const MIN_TOKEN_LENGTH = 16;

const schema = z.object({
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .refine((token) => token === undefined || token.length >= MIN_TOKEN_LENGTH, {
      message: `must be at least ${MIN_TOKEN_LENGTH} characters long (or unset, for no token)`,
    }),
});

/** METRICS_TOKEN, read like every other variable: a bad value names the variable, never the value. */
export function loadMetricsConfig(env: Record<string, string | undefined> = process.env): MetricsConfig {
  const token = loadEnv(schema, env).METRICS_TOKEN;
  return token ? { token } : {};
}
