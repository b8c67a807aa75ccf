import { STATS_API_PATHS } from "@edm/schema";
import express, { type Request, type Response, type Router } from "express";
import { ANSWER_TTL_MS } from "./cached-queries";
import { LIST_LIMITS, type ListLimit, parseLimit } from "./list-limit";
import type { StatsQueries } from "./queries";

/**
 * The read API. `queries` should be cached (cacheQueries): then each route costs one database query per
 * second however many clients poll it. Lists are bounded by `?limit=` (LIST_LIMITS).
 */
export function statsRoutes(queries: StatsQueries): Router {
  const router = express.Router();
  // An answer may be reused as long as the server itself reuses it; errors are never stored.
  router.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });
  const send = (res: Response, body: unknown) => {
    res.set("cache-control", `public, max-age=${Math.ceil(ANSWER_TTL_MS / 1_000)}`).json(body);
  };
  const list =
    (limits: ListLimit, answer: (limit: number) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const parsed = parseLimit(req.query, limits);
      if (!parsed.ok) {
        res.status(400).json({ error: "the query is not valid", errors: parsed.errors });
        return;
      }
      send(res, await answer(parsed.limit));
    };

  router.get(
    STATS_API_PATHS.clickCount,
    list(LIST_LIMITS.clickCount, (limit) => queries.clickCounts(limit)),
  );
  router.get(
    STATS_API_PATHS.clickHistory,
    list(LIST_LIMITS.clickHistory, (limit) => queries.clickHistory(limit)),
  );
  router.get(
    STATS_API_PATHS.pageloadCount,
    list(LIST_LIMITS.pageloadCount, (limit) => queries.pageloadCounts(limit)),
  );
  router.get(STATS_API_PATHS.summary, async (_req, res) => {
    send(res, await queries.summary());
  });
  return router;
}
