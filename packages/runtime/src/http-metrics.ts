import express, { type RequestHandler, type Router } from "express";
import { Histogram, type Registry } from "prom-client";
import { bearerTokenMatches } from "./metrics-token";
import { methodLabel, routeLabel } from "./route-label";

export interface MetricsRoutesOptions {
  registry: Registry;
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (Heroku apps are public). */
  token?: string | undefined;
}

/** Seconds; from a cached answer (a few ms) to a request that waited out the relay's longest Kafka timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/**
 * Every request's latency by method, route pattern and status (`_count` is the number of requests), and
 * GET /metrics in Prometheus's text format. Mount it first, so that it times everything after it.
 */
export function metricsRoutes({ registry, token }: MetricsRoutesOptions): Router {
  const router = express.Router();
  router.use(timeRequests(registry));
  router.get("/metrics", async (req, res) => {
    res.set("cache-control", "no-store");
    if (token !== undefined && !bearerTokenMatches(req.get("authorization"), token)) {
      res
        .status(401)
        .set("www-authenticate", 'Bearer realm="metrics"')
        .json({ error: "metrics need the bearer token set in METRICS_TOKEN" });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

function timeRequests(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: "edm_http_request_duration_seconds",
    help: "Time from a request's arrival to its answer's last byte, by method, route pattern and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return (req, res, next) => {
    const stop = duration.startTimer();
    res.once("finish", () => {
      stop({ method: methodLabel(req.method), route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
}
