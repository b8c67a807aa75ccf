import { loadEnv, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";

export interface PipelineConfig {
  /** Base URLs whose /readyz the pipeline health endpoint reports; unset ones show as "not configured". */
  relayUrl?: string | undefined;
  streamUrl?: string | undefined;
}

const schema = z.object({
  RELAY_URL: urlWithProtocol("http", "https").optional(),
  STREAM_URL: urlWithProtocol("http", "https").optional(),
});

/** RELAY_URL and STREAM_URL: where GET /api/pipeline asks the other services whether they are ready. */
export function loadPipelineConfig(env: Record<string, string | undefined>): PipelineConfig {
  const parsed = loadEnv(schema, env);
  return { relayUrl: parsed.RELAY_URL, streamUrl: parsed.STREAM_URL };
}
