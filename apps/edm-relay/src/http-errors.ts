import type { Logger } from "@edm/runtime";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";

// Every answer that is not a success is JSON: {"error": "<what is wrong, in words>", ...details}.

export function sendError(res: Response, status: number, error: string, details: object = {}): void {
  res.status(status).json({ error, ...details });
}

/**
 * 415 unless the body is declared JSON. Browsers send text/plain cross-origin without asking first;
 * requiring application/json makes them ask (a CORS preflight), so only allowed origins get through.
 * navigator.sendBeacon qualifies when given a Blob of type application/json.
 */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  const kind = req.is("application/json");
  if (kind === null) {
    sendError(res, 400, "the request has no body; send one event or a list of events as JSON");
  } else if (kind === false) {
    const got = req.get("content-type");
    sendError(
      res,
      415,
      `Content-Type must be application/json${got ? "" : " (none was sent)"}`,
      got ? { contentType: got.slice(0, 100) } : {},
    );
  } else {
    next();
  }
};

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.set("allow", allowed.join(", "));
    sendError(res, 405, `${req.method} is not allowed here; use ${allowed.join(" or ")}`);
  };
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, `there is nothing at ${req.method} ${req.path.slice(0, 200)}`);
};

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Turns body-parser's errors into answers a client can act on; anything else is a 500, logged. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const { type, status, limit } = (typeof err === "object" && err !== null ? err : {}) as BodyParserError;
    switch (type) {
      case "entity.too.large":
        sendError(res, 413, `the request body is larger than the ${limit} bytes allowed`, {
          limitBytes: limit,
        });
        return;
      case "entity.parse.failed":
        sendError(res, 400, "the request body is not valid JSON");
        return;
      case "charset.unsupported":
        sendError(res, 415, "the request body must be UTF-8 JSON");
        return;
      case "encoding.unsupported":
        sendError(res, 415, "Content-Encoding must be gzip, deflate, br or none");
        return;
      case "request.aborted":
      case "request.size.invalid":
        sendError(res, 400, "the request body did not arrive whole");
        return;
    }
    if (typeof status === "number" && status >= 400 && status < 500) {
      sendError(res, status, "the request could not be read");
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl }, "request failed with an unexpected error");
    sendError(res, 500, "the relay failed unexpectedly; try again later");
  };
}
