import {
  type FieldError,
  formatPath,
  type IdentifiedEvent,
  MAX_FIELD_ERRORS,
  parseEventBatch,
  randomUUID,
  type Topic,
  withEventId,
} from "@edm/schema";

export interface AcceptOptions {
  /** Set on the original's one-topic routes: events of any other type are refused. */
  onlyTopic?: { topic: Topic; route: string };
  /** Receiver's clock, for the schema's "not too far in the future" check. */
  now?: number;
  makeId?: () => string;
}

export type Acceptance = { ok: true; events: IdentifiedEvent[] } | { ok: false; errors: FieldError[] };

/**
 * Turns a request body (one event or a list) into events ready to write, each with an id: the
 * client's own when it sent one, so its retries stay recognisable downstream. All or nothing: one bad
 * event refuses the whole body, with errors naming its position.
 */
export function acceptEvents(body: unknown, options: AcceptOptions = {}): Acceptance {
  const parsed = parseEventBatch(body, options.now === undefined ? {} : { now: options.now });
  if (!parsed.ok) return parsed;
  if (options.onlyTopic) {
    const errors = wrongTopicErrors(parsed.events, Array.isArray(body), options.onlyTopic);
    if (errors.length > 0) return { ok: false, errors };
  }
  const makeId = options.makeId ?? randomUUID;
  return { ok: true, events: parsed.events.map((event) => withEventId(event, makeId)) };
}

function wrongTopicErrors(
  events: readonly { topic: string }[],
  inList: boolean,
  { topic, route }: { topic: Topic; route: string },
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [index, event] of events.entries()) {
    if (event.topic === topic) continue;
    errors.push({
      path: formatPath(inList ? [index, "topic"] : ["topic"]),
      message: `must be ${JSON.stringify(topic)} on ${route}; send ${JSON.stringify(event.topic)} events to POST /api/events`,
    });
    if (errors.length >= MAX_FIELD_ERRORS) break;
  }
  return errors;
}
