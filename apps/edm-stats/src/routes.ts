import { STATS_API_PATHS } from "@edm/schema";
import express, { type Router } from "express";
import type { StatsQueries } from "./queries";

/** The read API. Each answer is computed from the aggregates on request; they are small and indexed. */
export function statsRoutes(queries: StatsQueries): Router {
  const router = express.Router();
  // Counts change with every event: a cached answer would hide the latest ones.
  router.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });
  router.get(STATS_API_PATHS.clickCount, async (_req, res) => {
    res.json(await queries.clickCounts());
  });
  router.get(STATS_API_PATHS.clickHistory, async (_req, res) => {
    res.json(await queries.clickHistory());
  });
  router.get(STATS_API_PATHS.pageloadCount, async (_req, res) => {
    res.json(await queries.pageloadCounts());
  });
  router.get(STATS_API_PATHS.summary, async (_req, res) => {
    res.json(await queries.summary());
  });
  return router;
}
