import { PIPELINE_API_PATH, type PipelineHealth, PipelineHealthSchema } from "@edm/schema";
import { useEffect, useState } from "react";
import { getJson } from "../logic/stats-history";

/** Lag and readiness change by the second; a few seconds keeps the panel live at a small cost to edm-stats. */
export const PIPELINE_REFRESH_MS = 3_000;

export interface PipelineState {
  health?: PipelineHealth;
  /** Why the last refresh failed (edm-stats unreachable, say); the last good answer stays shown. */
  problem?: string;
}

/** Polls GET /api/pipeline on edm-stats for as long as the component is mounted. */
export function usePipelineHealth(statsUrl: string, refreshMs = PIPELINE_REFRESH_MS): PipelineState {
  const [state, setState] = useState<PipelineState>({});
  useEffect(() => {
    const aborter = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const health = await getJson(statsUrl, PIPELINE_API_PATH, PipelineHealthSchema, {
          signal: aborter.signal,
        });
        if (!aborter.signal.aborted) setState({ health });
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        if (!aborter.signal.aborted) setState((previous) => ({ ...previous, problem }));
      }
      if (!aborter.signal.aborted) timer = setTimeout(() => void refresh(), refreshMs);
    };
    void refresh();
    return () => {
      aborter.abort();
      clearTimeout(timer);
    };
  }, [statsUrl, refreshMs]);
  return state;
}
