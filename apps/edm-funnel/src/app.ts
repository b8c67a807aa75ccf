import {
  healthRoutes,
  type Logger,
  type MetricsRoutesOptions,
  metricsRoutes,
  type ReadinessChecks,
} from "@edm/runtime";
import type { FunnelResponse } from "@edm/schema";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express } from "express";
import helmet from "helmet";
import { funnelRoutes } from "./routes";

export interface AppOptions {
  readFunnel: (hours: number) => Promise<FunnelResponse>;
  ready: () => Promise<ReadinessChecks>;
  /** Exact origins allowed to read the API from a browser (the dashboard's). */
  corsOrigins: string[];
  log: Logger;
  /** GET /metrics, and timing of every request. */
  metrics: MetricsRoutesOptions;
}

/** The HTTP side of edm-funnel: GET /api/funnel, health probes, /metrics, and JSON errors for everything else. */
export function createApp({ readFunnel, ready, corsOrigins, log, metrics }: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  // First, so that every request is timed.
  app.use(metricsRoutes(metrics));
  app.use(helmet());
  // No credentials: the API is read-only and public; the allow-list only keeps other sites' pages out.
  app.use(cors({ origin: corsOrigins, methods: ["GET", "HEAD"] }));
  app.use(healthRoutes({ ready }));
  app.use(funnelRoutes(readFunnel));
  app.use((req, res) => {
    res.status(404).json({ error: `there is nothing at ${req.method} ${req.path}` });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    log.error({ err, path: req.path }, "a funnel request failed; the database may be unreachable");
    if (res.headersSent) return;
    res.status(503).set("retry-after", "5").json({
      error: "the funnel could not be read from the database; try again shortly",
    });
  };
  app.use(onError);
  return app;
}
