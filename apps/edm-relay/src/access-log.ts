import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "@edm/runtime";
import type { Request } from "express";
import { pinoHttp } from "pino-http";
import { requestTraceFields } from "./request-span";

// Heroku's router sends X-Request-ID; reusing it ties our log line to the router's. Anything odd is
// replaced, since it is client-controlled text that ends up in logs.
const USABLE_REQUEST_ID = /^[\w.-]{1,128}$/;

const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers["x-request-id"];
  const id = typeof given === "string" && USABLE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", id);
  return id;
}

/** Express rewrites req.url inside routers; the original is what the client asked for. */
function pathOf(req: IncomingMessage): string {
  return ((req as Request).originalUrl ?? req.url ?? "").slice(0, 200);
}

function isInvented(err: Error, res: ServerResponse): boolean {
  return err.message === `failed with status code ${res.statusCode}`;
}

/**
 * One line per request: method, path, status, time, client address, and the trace_id of an event request
 * (see request-span.ts). Never bodies or headers.
 */
export function accessLog(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId: requestId,
    autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? "") },
    // 503 is the relay working as designed while Kafka is away: a warning, not an error page.
    customLogLevel: (_req, res, err) => {
      if (err || (res.statusCode >= 500 && res.statusCode !== 503)) return "error";
      return res.statusCode === 503 ? "warn" : "info";
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => ({ clientIp: (req as Request).ip, ...requestTraceFields(req as Request) }),
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${pathOf(req)} answered ${res.statusCode} in ${Math.round(ms)} ms`,
    // pino-http invents an Error for every 5xx; the relay logs real causes itself, so it is dropped.
    customErrorObject: (_req, res, err, fields: Record<string, unknown>) => {
      if (!isInvented(err, res)) return fields;
      const { err: _invented, ...rest } = fields;
      return rest;
    },
    customErrorMessage: (req, res, err) =>
      isInvented(err, res)
        ? `${req.method} ${pathOf(req)} answered ${res.statusCode}`
        : `${req.method} ${pathOf(req)} failed with ${res.statusCode}: ${err.message}`,
  });
}
