import { randomUUID } from "node:crypto";
import type { Logger } from "@edm/runtime";
import type { Request, RequestHandler, Response } from "express";
import { requestTraceFields } from "./request-span";

// Written here rather than with pino-http: a CPU profile of the relay under load showed pino-http's
// per-request child loggers (each one serialises and redacts its bindings) costing a tenth of the relay's
// CPU, even at LOG_LEVEL=warn when no access line is written at all. Here the line is built only when its
// level is enabled, as one log call.

// Heroku's router sends X-Request-ID; reusing it ties our log line to the router's. Anything odd is
// replaced, since it is client-controlled text that ends up in logs.
const USABLE_REQUEST_ID = /^[\w.-]{1,128}$/;

const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

type Level = "info" | "warn" | "error";

function requestId(req: Request, res: Response): string {
  const given = req.headers["x-request-id"];
  const id = typeof given === "string" && USABLE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", id);
  return id;
}

// 503 is the relay working as designed while Kafka is away: a warning, not an error page.
export function accessLevel(statusCode: number, failed: boolean): Level {
  if (failed || (statusCode >= 500 && statusCode !== 503)) return "error";
  return statusCode === 503 ? "warn" : "info";
}

export interface Answered {
  method: string;
  /** What the client asked for (Express rewrites req.url inside routers; req.originalUrl is this). */
  url: string;
  statusCode: number;
  ms: number;
}

/** What the line says: the answer, or the error that broke the response off. */
export function accessMessage({ method, url, statusCode, ms }: Answered, err?: Error): string {
  const asked = `${method} ${url.slice(0, 200)}`;
  if (err) return `${asked} failed with ${statusCode}: ${err.message}`;
  // A 5xx line leaves out the time; its cause is logged where it arose.
  if (statusCode >= 500) return `${asked} answered ${statusCode}`;
  return `${asked} answered ${statusCode} in ${Math.round(ms)} ms`;
}

/**
 * One line per request once its answer went out (or the connection closed first): method, path, status,
 * time, client address, request id, and the trace_id of an event request (see request-span.ts). Never
 * bodies or headers. Every answer carries its request id in X-Request-ID.
 */
export function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestId(req, res);
    if (QUIET_PATHS.has(req.url)) {
      next();
      return;
    }
    const startedAt = Date.now();
    let logged = false;
    const done = (err?: Error) => {
      if (logged) return;
      logged = true;
      res.off("error", done);
      const level = accessLevel(res.statusCode, err !== undefined);
      if (!log.isLevelEnabled(level)) return;
      const answered = {
        method: req.method,
        url: req.originalUrl,
        statusCode: res.statusCode,
        ms: Date.now() - startedAt,
      };
      log[level](
        {
          req: { id, method: answered.method, url: answered.url },
          res: { statusCode: answered.statusCode },
          responseTime: answered.ms,
          clientIp: req.ip,
          ...requestTraceFields(req),
          ...(err ? { err } : {}),
        },
        accessMessage(answered, err),
      );
    };
    // "close" follows every response, finished or cut off; "error" only a failed one.
    res.once("close", () => done());
    res.on("error", done);
    next();
  };
}
