import { STATS_API_PATHS, type StatsSummary } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { type FetchLike, loadStatsHistory } from "./stats-history";

const summary: StatsSummary = {
  totals: { clicks: 42, pageloads: 7, sessions: 3 },
  perMinute: [{ minute: "2026-01-15T12:00:00.000Z", clicks: 2, pageloads: 1 }],
};

const bodies: Record<string, unknown> = {
  [STATS_API_PATHS.clickCount]: [{ button_id: "the-camper's-kit", sum: "40" }],
  [STATS_API_PATHS.clickHistory]: [{ Day: "2026-01-15T00:00:00.000Z", clicks: "42" }],
  [STATS_API_PATHS.pageloadCount]: [{ page: "/", loads: 7 }],
  [STATS_API_PATHS.summary]: summary,
};

/** A stand-in for fetch that answers like edm-stats from a table of bodies, and notes what was asked. */
function statsAnswering(overrides: Record<string, unknown> = {}, status = 200) {
  const asked: string[] = [];
  const fetch: FetchLike = async (url) => {
    asked.push(url);
    const path = new URL(url).pathname.replace(/^\/prefix/, "");
    const body = path in overrides ? overrides[path] : bodies[path];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, asked };
}

describe("loadStatsHistory", () => {
  it("reads the four routes into numbers", async () => {
    const { fetch, asked } = statsAnswering();
    const history = await loadStatsHistory("http://stats.test/", { fetch });
    expect(asked.sort()).toEqual(
      Object.values(STATS_API_PATHS)
        .map((path) => `http://stats.test${path}`)
        .sort(),
    );
    expect(history).toEqual({
      clicksByButton: new Map([["the-camper's-kit", 40]]),
      clickDays: [{ day: "2026-01-15", clicks: 42 }],
      pageloadsByPage: new Map([["/", 7]]),
      summary,
    });
  });

  it("keeps a path prefix in the stats URL", async () => {
    const { fetch, asked } = statsAnswering();
    await loadStatsHistory("http://stats.test/prefix", { fetch });
    expect(asked).toContain("http://stats.test/prefix/api/clickCount");
  });

  it("says which route answered with an error status", async () => {
    const { fetch } = statsAnswering({}, 503);
    await expect(loadStatsHistory("http://stats.test", { fetch })).rejects.toThrow(/answered .* HTTP 503/);
  });

  it("says where an answer does not match the shared schema", async () => {
    const { fetch } = statsAnswering({ [STATS_API_PATHS.clickCount]: [{ button_id: "x", sum: 3 }] });
    await expect(loadStatsHistory("http://stats.test", { fetch })).rejects.toThrow(
      "edm-stats sent an unexpected answer for /api/clickCount at 0.sum",
    );
  });

  it("calls an unreachable stats unreachable", async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError("fetch failed"));
    await expect(loadStatsHistory("http://stats.test", { fetch })).rejects.toThrow(
      "edm-stats is unreachable at http://stats.test",
    );
  });

  it("gives up on a stats that never answers", async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    await expect(loadStatsHistory("http://stats.test", { fetch, timeoutMs: 20 })).rejects.toThrow(
      "did not answer /api/",
    );
  });
});
