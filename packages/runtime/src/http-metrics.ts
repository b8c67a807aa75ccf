import express, { type Request, type RequestHandler, type Response } from "express";
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

/** Express matches routes regardless of letter case, so "/METRICS" is a scrape too. */
const SCRAPE_PREFIX = "/metrics";

/**
 * Every request's latency by method, route pattern and status (`_count` is the number of requests), and
 * GET /metrics in Prometheus's text format. Mount it first, so that it times everything after it.
 * A plain middleware rather than a router, so that the requests that are not scrapes (nearly all) do not
 * pass through a router of their own: a CPU profile of edm-relay under load showed routers' bookkeeping
 * among its larger costs. Only a path that may be a scrape is handed to the scrape router.
 */
export function metricsRoutes({ registry, token }: MetricsRoutesOptions): RequestHandler {
  const time = timeRequests(registry);
  const scrape = express.Router();
  scrape.get("/metrics", async (req, res) => {
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
  return (req, res, next) => {
    time(req, res);
    if (req.url.slice(0, SCRAPE_PREFIX.length).toLowerCase() === SCRAPE_PREFIX) scrape(req, res, next);
    else next();
  };
}

function timeRequests(registry: Registry): (req: Request, res: Response) => void {
  const duration = new Histogram({
    name: "edm_http_request_duration_seconds",
    help: "Time from a request's arrival to its answer's last byte, by method, route pattern and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return (req, res) => {
    const stop = duration.startTimer();
    res.once("finish", () => {
      stop({ method: methodLabel(req.method), route: routeLabel(req), status_code: String(res.statusCode) });
    });
  };
}
