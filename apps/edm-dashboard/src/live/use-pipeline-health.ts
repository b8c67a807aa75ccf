import { PIPELINE_API_PATH, type PipelineHealth, PipelineHealthSchema } from "@edm/schema";
import { getJson } from "../logic/stats-history";
import { usePolled } from "./use-polled";

/** Lag and readiness change by the second; a few seconds keeps the panel live at a small cost to edm-stats. */
export const PIPELINE_REFRESH_MS = 3_000;

export interface PipelineState {
  health?: PipelineHealth;
  /** Why the last refresh failed (edm-stats unreachable, say); the last good answer stays shown. */
  problem?: string;
}

const fetchHealth = (statsUrl: string, signal: AbortSignal) =>
  getJson(statsUrl, PIPELINE_API_PATH, PipelineHealthSchema, { signal });

/** Polls GET /api/pipeline on edm-stats for as long as the component is mounted. */
export function usePipelineHealth(statsUrl: string, refreshMs = PIPELINE_REFRESH_MS): PipelineState {
  const { value, problem } = usePolled(statsUrl, fetchHealth, refreshMs);
  return { health: value, problem };
}
