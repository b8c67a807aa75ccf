import { TOPICS, type Topic } from "@edm/schema";
import express, { type RequestHandler, type Router } from "express";
import { acceptEvents } from "./accept-events";
import type { Batcher } from "./batcher";
import { toBatchItem } from "./event-records";
import { methodNotAllowed, requireJsonBody, sendError } from "./http-errors";
import { RelayUnavailableError } from "./unavailable-error";

/** What a client is told to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

export const EVENT_PATHS = ["/api/events", "/produceClickMessage", "/producePageLoad"];

export interface EventRoutesOptions {
  batcher: Batcher;
  maxBodyBytes: number;
}

/**
 * POST /api/events takes one event or a list; the original relay's POST /produceClickMessage and
 * /producePageLoad take the same bodies, each only for its own event type. All answer 202 with the
 * events' ids once Kafka acknowledged every one of them (the original said 200 before knowing).
 */
export function eventRoutes({ batcher, maxBodyBytes }: EventRoutesOptions): Router {
  const router = express.Router();
  // strict: false lets a body such as `"hello"` through to the schema, whose message says what an
  // event looks like; the parser's own error is kept for text that is not JSON at all.
  const readJson = express.json({ limit: maxBodyBytes, strict: false, type: "application/json" });
  const post = (path: string, handler: RequestHandler) =>
    router.post(path, requireJsonBody, readJson, handler);

  post("/api/events", receive(batcher));
  post("/produceClickMessage", receive(batcher, TOPICS.click, "POST /produceClickMessage"));
  post("/producePageLoad", receive(batcher, TOPICS.pageload, "POST /producePageLoad"));
  router.all(EVENT_PATHS, methodNotAllowed(["POST"]));
  return router;
}

function receive(batcher: Batcher, topic?: Topic, route?: string): RequestHandler {
  const onlyTopic = topic && route ? { topic, route } : undefined;
  return async (req, res) => {
    const acceptance = acceptEvents(req.body, onlyTopic ? { onlyTopic } : {});
    if (!acceptance.ok) {
      sendError(res, 400, "the events are not valid; none was accepted", { errors: acceptance.errors });
      return;
    }
    const { events } = acceptance;
    try {
      await batcher.submit(events.map(toBatchItem));
    } catch (error) {
      if (!(error instanceof RelayUnavailableError)) throw error;
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
    res.status(202).json({ accepted: events.length, ids: events.map((event) => event.id) });
  };
}
