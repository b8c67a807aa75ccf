import {
  healthRoutes,
  type Logger,
  type MetricsRoutesOptions,
  metricsRoutes,
  type ReadinessChecks,
} from "@edm/runtime";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { cacheQueries } from "./cached-queries";
import type { PipelineMonitor } from "./pipeline-monitor";
import { pipelineRoutes } from "./pipeline-routes";
import type { StatsQueries } from "./queries";
import { statsRoutes } from "./routes";

export interface AppOptions {
  /** The database queries; the app puts its short cache (cacheQueries) in front of them. */
  queries: StatsQueries;
  ready: () => Promise<ReadinessChecks>;
  /** Exact origins allowed to read the API from a browser. */
  corsOrigins: string[];
  log: Logger;
  /** GET /metrics, and timing of every request. */
  metrics?: MetricsRoutesOptions;
  /** GET /api/pipeline, the dashboard's health panel. */
  pipeline?: PipelineMonitor;
}

/** The HTTP side of edm-stats: the stats API, health probes, and JSON errors for everything else. */
export function createApp({ queries, ready, corsOrigins, log, metrics, pipeline }: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  // First, so that every request is timed and scrapes stay out of the request log.
  if (metrics) app.use(metricsRoutes(metrics));
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: log,
      // Probes hit these every few seconds; their lines would drown the real traffic.
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  // No credentials: the API is read-only and public; the allow-list only keeps other sites' pages out.
  app.use(cors({ origin: corsOrigins, methods: ["GET", "HEAD"] }));
  app.use(healthRoutes({ ready }));
  app.use(statsRoutes(cacheQueries(queries)));
  if (pipeline) app.use(pipelineRoutes(pipeline));

  app.use((req, res) => {
    res.status(404).json({ error: `there is nothing at ${req.method} ${req.path}` });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).json({ error: `the request could not be read (HTTP ${status})` });
      return;
    }
    log.error({ err, path: req.path }, "a stats request failed; the database may be unreachable");
    if (res.headersSent) return;
    res.status(503).set("retry-after", "5").json({
      error: "the statistics could not be read from the database; try again shortly",
    });
  };
  app.use(onError);
  return app;
}
