import {
  ClickCountsResponseSchema,
  ClickHistoryResponseSchema,
  PageloadCountsResponseSchema,
  STATS_API_PATHS,
  type StatsSummary,
  StatsSummarySchema,
} from "@edm/schema";
import type { z } from "zod";
import { type DayClicks, dayOf } from "./days";

/** Everything the dashboard reads from edm-stats in one refresh, counts as numbers. */
export interface StatsHistory {
  clicksByButton: Map<string, number>;
  clickDays: DayClicks[];
  pageloadsByPage: Map<string, number>;
  summary: StatsSummary;
}

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface LoadOptions {
  fetch?: FetchLike;
  /** Per request; a stats that accepts connections but never answers must not freeze the panel. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Who answers, for the error messages; "edm-stats" unless told. */
  service?: string;
}

/**
 * Fetches the four stats routes at once and validates them against the shared schema. All or nothing:
 * one refresh gives one consistent picture, and a half-updated one would confuse the live merge.
 * Rejects with an Error whose message says, in words, what went wrong.
 */
export async function loadStatsHistory(statsUrl: string, options: LoadOptions = {}): Promise<StatsHistory> {
  const get = <S extends z.ZodType>(path: string, schema: S) => getJson(statsUrl, path, schema, options);
  const [clickCounts, clickHistory, pageloads, summary] = await Promise.all([
    get(STATS_API_PATHS.clickCount, ClickCountsResponseSchema),
    get(STATS_API_PATHS.clickHistory, ClickHistoryResponseSchema),
    get(STATS_API_PATHS.pageloadCount, PageloadCountsResponseSchema),
    get(STATS_API_PATHS.summary, StatsSummarySchema),
  ]);
  return {
    // The original routes send counts as text (Postgres bigints); exact as numbers up to 2^53.
    clicksByButton: new Map(clickCounts.map((row) => [row.button_id, Number(row.sum)])),
    clickDays: clickHistory.map((row) => ({ day: dayOf(row.Day), clicks: Number(row.clicks) })),
    pageloadsByPage: new Map(pageloads.map((row) => [row.page, row.loads])),
    summary,
  };
}

export async function getJson<S extends z.ZodType>(
  statsUrl: string,
  path: string,
  schema: S,
  { fetch: fetchFn = globalThis.fetch, timeoutMs = 8000, signal, service = "edm-stats" }: LoadOptions,
): Promise<z.output<S>> {
  const url = `${statsUrl.replace(/\/+$/, "")}${path}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const stop = () => controller.abort();
  signal?.addEventListener("abort", stop, { once: true });
  let response: Response;
  let body: unknown;
  try {
    response = await fetchFn(url, { signal: controller.signal, headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`${service} answered ${path} with HTTP ${response.status}`);
    body = await response.json().catch(() => {
      throw new Error(`${service} answered ${path} with something that is not JSON`);
    });
  } catch (error) {
    if (controller.signal.aborted && !signal?.aborted) {
      throw new Error(`${service} did not answer ${path} within ${Math.round(timeoutMs / 1000)} s`);
    }
    if (error instanceof TypeError) throw new Error(`${service} is unreachable at ${statsUrl}`);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new Error(
      `${service} sent an unexpected answer for ${path}${where}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}
