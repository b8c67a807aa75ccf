import { TOPICS, type Topic } from "@edm/schema";
import express, { type RequestHandler, type Router } from "express";
import { acceptEvents } from "./accept-events";
import type { Batcher } from "./batcher";
import { toBatchItem } from "./event-records";
import { methodNotAllowed, requireJsonBody, sendError } from "./http-errors";
import { withProducerSpan } from "./produce-span";
import type { RelayMetrics } from "./relay-metrics";
import { requestTraceContext } from "./request-span";
import { RelayUnavailableError } from "./unavailable-error";

/** What a client is told to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

export const EVENT_PATHS = ["/api/events", "/produceClickMessage", "/producePageLoad"];

export interface EventRoutesOptions {
  batcher: Batcher;
  maxBodyBytes: number;
  metrics?: RelayMetrics;
}

/**
 * POST /api/events takes one event or a list; the original relay's POST /produceClickMessage and
 * /producePageLoad take the same bodies, each only for its own event type. All answer 202 with the
 * events' ids once Kafka acknowledged every one of them (the original said 200 before knowing).
 */
export function eventRoutes({ batcher, maxBodyBytes, metrics }: EventRoutesOptions): Router {
  const router = express.Router();
  // strict: false lets a body such as `"hello"` through to the schema, whose message says what an
  // event looks like; the parser's own error is kept for text that is not JSON at all.
  const readJson = express.json({ limit: maxBodyBytes, strict: false, type: "application/json" });
  const post = (path: string, handler: RequestHandler) =>
    router.post(path, requireJsonBody, readJson, handler);

  post("/api/events", receive(batcher, metrics));
  post("/produceClickMessage", receive(batcher, metrics, TOPICS.click, "POST /produceClickMessage"));
  post("/producePageLoad", receive(batcher, metrics, TOPICS.pageload, "POST /producePageLoad"));
  router.all(EVENT_PATHS, methodNotAllowed(["POST"]));
  return router;
}

function receive(batcher: Batcher, metrics?: RelayMetrics, topic?: Topic, route?: string): RequestHandler {
  const onlyTopic = topic && route ? { topic, route } : undefined;
  return async (req, res) => {
    const acceptance = acceptEvents(req.body, onlyTopic ? { onlyTopic } : {});
    if (!acceptance.ok) {
      metrics?.refused("invalid", Array.isArray(req.body) ? req.body.length : 1);
      sendError(res, 400, "the events are not valid; none was accepted", { errors: acceptance.errors });
      return;
    }
    const { events } = acceptance;
    try {
      await withProducerSpan(requestTraceContext(req), events, (headers) =>
        batcher.submit(events.map((event) => toBatchItem(event, headers))),
      );
    } catch (error) {
      if (!(error instanceof RelayUnavailableError)) throw error;
      metrics?.refused(error.reason, events.length);
      res.set("retry-after", String(RETRY_AFTER_SECONDS));
      sendError(
        res,
        503,
        `${error.message}. Try again later with the same ids, so nothing is counted twice`,
        {
          reason: error.reason,
          retryAfterSeconds: RETRY_AFTER_SECONDS,
          ids: events.map((event) => event.id),
        },
      );
      return;
    }
    if (metrics) for (const event of events) metrics.accepted(event.topic, 1);
    res.status(202).json({ accepted: events.length, ids: events.map((event) => event.id) });
  };
}
