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

export interface AppOptions {
  corsOrigins: readonly string[];
  ready: () => ReadinessChecks;
  log: Logger;
  /** GET /metrics, and timing of these routes. */
  metrics?: MetricsRoutesOptions;
}

/**
 * The plain HTTP side: health probes and JSON errors. socket.io answers /socket.io/ itself, before
 * this app sees the request, so these middlewares never touch dashboard traffic.
 */
export function createApp({ corsOrigins, ready, log, metrics }: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  if (metrics) app.use(metricsRoutes(metrics));
  app.use(helmet());
  app.use(cors({ origin: [...corsOrigins] }));
  app.use(healthRoutes({ ready }));

  app.use((req, res) => {
    res.status(404).json({
      error: `there is no route ${req.method} ${req.path}; dashboards connect with socket.io at /socket.io/`,
    });
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    log.error({ err }, "An HTTP request failed unexpectedly");
    if (res.headersSent) return;
    res.status(500).json({ error: "the server failed to answer this request" });
  };
  app.use(onError);
  return app;
}
