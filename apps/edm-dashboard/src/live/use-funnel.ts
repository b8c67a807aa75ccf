import {
  DEFAULT_FUNNEL_HOURS,
  FUNNEL_API_PATH,
  type FunnelResponse,
  FunnelResponseSchema,
} from "@edm/schema";
import { useEffect, useState } from "react";
import { getJson } from "../logic/stats-history";

/** Sessions move through the funnel over minutes; ten seconds keeps the panel fresh at a small cost. */
export const FUNNEL_REFRESH_MS = 10_000;

export interface FunnelState {
  funnel?: FunnelResponse;
  /** Why the last refresh failed (edm-funnel unreachable, say); the last good answer stays shown. */
  problem?: string;
}

/**
 * Polls GET /api/funnel on edm-funnel for as long as the component is mounted; undefined (and no requests)
 * when the dashboard has no funnelUrl.
 */
export function useFunnel(
  funnelUrl: string | undefined,
  refreshMs = FUNNEL_REFRESH_MS,
): FunnelState | undefined {
  const [state, setState] = useState<FunnelState>({});
  useEffect(() => {
    if (!funnelUrl) return;
    const aborter = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const funnel = await getJson(
          funnelUrl,
          `${FUNNEL_API_PATH}?hours=${DEFAULT_FUNNEL_HOURS}`,
          FunnelResponseSchema,
          { signal: aborter.signal, service: "edm-funnel" },
        );
        if (!aborter.signal.aborted) setState({ funnel });
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
  }, [funnelUrl, refreshMs]);
  return funnelUrl ? state : undefined;
}
