import { healthRoutes, type Logger, type MetricsRoutesOptions, metricsRoutes } from "@edm/runtime";
import cors from "cors";
import express, { type Express } from "express";
import helmet from "helmet";
import { accessLog } from "./access-log";
import type { Batcher } from "./batcher";
import { EVENT_PATHS, eventRoutes } from "./event-routes";
import { errorHandler, notFound } from "./http-errors";
import { limitPerClient } from "./rate-limit";
import type { RelayMetrics } from "./relay-metrics";
import { traceRequests } from "./request-span";

export interface RelayAppOptions {
  batcher: Batcher;
  log: Logger;
  /** True while Kafka can take events (for /readyz). */
  kafkaReady: () => Promise<boolean>;
  corsOrigins: string[];
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  trustProxy: number;
  /** GET /metrics and request timing, plus the relay's own counts. */
  metrics?: MetricsRoutesOptions & { relay: RelayMetrics };
}

/**
 * The relay answers JSON, never a page, so it sends the headers OWASP's REST cheat sheet names for an API
 * rather than helmet's defaults for documents: a CSP that allows nothing and no framing, HSTS, nosniff, no
 * referrer. Stricter, and a third fewer bytes on every answer. Its answers may be read cross-origin (CORS
 * decides by whom), so the same-origin resource policy is relaxed.
 */
const API_SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  crossOriginResourcePolicy: { policy: "cross-origin" },
  frameguard: { action: "deny" },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const;

/** The relay's HTTP surface; holds no connections itself, so tests can build it around any batcher. */
export function createRelayApp(options: RelayAppOptions): Express {
  const { log } = options;
  const app = express();
  // The number of proxies in front (Heroku's router is one), so req.ip is the client, not the router.
  app.set("trust proxy", options.trustProxy);
  // Answers describe one request each; there is nothing for a cache to revalidate.
  app.set("etag", false);
  // First, so that every request is timed and scrapes stay out of the access log.
  if (options.metrics) app.use(metricsRoutes(options.metrics));
  // Before the access log, so its line carries the request's trace_id.
  app.use(EVENT_PATHS, traceRequests());
  app.use(accessLog(log));
  app.use(helmet(API_SECURITY_HEADERS));
  app.use(
    cors({
      origin: options.corsOrigins,
      methods: ["GET", "POST"],
      // traceparent/tracestate: the shop's W3C trace context, continued by the relay (request-span.ts).
      allowedHeaders: ["Content-Type", "Accept", "traceparent", "tracestate"],
      // A browser hides every response header not listed here from the page: the shop reads
      // Retry-After on a 429 or 503 to wait as long as the relay asks before sending again.
      exposedHeaders: ["Retry-After"],
      // navigator.sendBeacon always sends credentials mode "include"; its preflight must allow that.
      // Safe with an allow-list (never "*"), and the relay reads no cookies.
      credentials: true,
      maxAge: 600,
    }),
  );
  app.use(EVENT_PATHS, limitPerClient({ perMinute: options.rateLimitPerMinute, log }));
  app.use(
    eventRoutes({
      batcher: options.batcher,
      maxBodyBytes: options.maxBodyBytes,
      ...(options.metrics ? { metrics: options.metrics.relay } : {}),
    }),
  );
  // After the event routes, which take nearly every request, so those never pass through these.
  app.use(healthRoutes({ ready: async () => ({ kafka: await options.kafkaReady() }) }));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
