import { FUNNEL_API_PATH, FunnelQuerySchema, type FunnelResponse, formatPath } from "@edm/schema";
import express, { type Router } from "express";

/** GET /api/funnel?hours=24: the funnel of the sessions started in the last `hours` hours. */
export function funnelRoutes(readFunnel: (hours: number) => Promise<FunnelResponse>): Router {
  const router = express.Router();
  router.get(FUNNEL_API_PATH, async (req, res) => {
    const parsed = FunnelQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({
        error: "the query is not valid",
        errors: parsed.error.issues.map((issue) => ({
          path: formatPath(issue.path),
          message: issue.message,
        })),
      });
      return;
    }
    // Dashboards poll every few seconds; a few seconds' reuse costs nothing and spares the database.
    res.set("cache-control", "public, max-age=5").json(await readFunnel(parsed.data.hours));
  });
  return router;
}
