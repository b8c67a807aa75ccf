import { PIPELINE_API_PATH } from "@edm/schema";
import express, { type Router } from "express";
import type { PipelineMonitor } from "./pipeline-monitor";

/** GET /api/pipeline: consumer-group lag, dead letters, events per second written and counted, readiness. */
export function pipelineRoutes(monitor: PipelineMonitor): Router {
  const router = express.Router();
  router.get(PIPELINE_API_PATH, async (_req, res) => {
    res.set("cache-control", "no-store").json(await monitor.health());
  });
  return router;
}
