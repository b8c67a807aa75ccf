import {
  DEFAULT_FUNNEL_HOURS,
  FUNNEL_API_PATH,
  type FunnelResponse,
  FunnelResponseSchema,
} from "@edm/schema";
import { getJson } from "../logic/stats-history";
import { usePolled } from "./use-polled";

/** Sessions move through the funnel over minutes; ten seconds keeps the panel fresh at a small cost. */
export const FUNNEL_REFRESH_MS = 10_000;

export interface FunnelState {
  funnel?: FunnelResponse;
  /** Why the last refresh failed (edm-funnel unreachable, say); the last good answer stays shown. */
  problem?: string;
}

const fetchFunnel = (funnelUrl: string, signal: AbortSignal) =>
  getJson(funnelUrl, `${FUNNEL_API_PATH}?hours=${DEFAULT_FUNNEL_HOURS}`, FunnelResponseSchema, {
    signal,
    service: "edm-funnel",
  });

/**
 * Polls GET /api/funnel on edm-funnel for as long as the component is mounted; undefined (and no requests)
 * when the dashboard has no funnelUrl.
 */
export function useFunnel(
  funnelUrl: string | undefined,
  refreshMs = FUNNEL_REFRESH_MS,
): FunnelState | undefined {
  const { value, problem } = usePolled(funnelUrl, fetchFunnel, refreshMs);
  return funnelUrl ? { funnel: value, problem } : undefined;
}
