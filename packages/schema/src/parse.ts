import { type EdmEvent, EdmEventSchema } from "./event";
import { capErrors, type FieldError, fieldError, toFieldErrors } from "./field-errors";
import { MAX_BATCH_EVENTS, MAX_FIELD_ERRORS, MAX_FUTURE_SKEW_MS } from "./limits";
import { plainWordsErrorMap } from "./messages";
import { quickEvent } from "./quick-event";

export interface ParseOptions {
  /** The receiver's clock, in milliseconds since the epoch; defaults to Date.now() at the call. */
  now?: number;
}

export type ParseResult = { ok: true; event: EdmEvent } | { ok: false; errors: FieldError[] };
export type BatchParseResult = { ok: true; events: EdmEvent[] } | { ok: false; errors: FieldError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Kept out of the zod schema so the schema stays static (compiled once) while `now` varies per call. */
function futureTimestampError(
  input: unknown,
  now: number,
  prefix: readonly PropertyKey[],
): FieldError | null {
  if (!isPlainObject(input)) return null;
  const timestamp = input.event_timestamp;
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp)) return null;
  if (timestamp <= now + MAX_FUTURE_SKEW_MS) return null;
  const hours = MAX_FUTURE_SKEW_MS / 3_600_000;
  return fieldError(
    [...prefix, "event_timestamp"],
    `is more than ${hours} hours ahead of the receiver's clock (${new Date(now).toISOString()}); check the sender's clock`,
  );
}

function check(input: unknown, now: number, prefix: readonly PropertyKey[]): ParseResult {
  try {
    return checkReadable(input, now, prefix);
  } catch {
    // Only reachable with inputs JSON cannot produce (throwing getters, revoked proxies): still a result.
    return { ok: false, errors: [fieldError(prefix, "could not be read as plain data")] };
  }
}

function checkReadable(input: unknown, now: number, prefix: readonly PropertyKey[]): ParseResult {
  const quick = quickEvent(input, now);
  if (quick) return { ok: true, event: quick };
  const parsed = EdmEventSchema.safeParse(input, { error: plainWordsErrorMap });
  const errors = parsed.success ? [] : toFieldErrors(parsed.error.issues, prefix);
  const future = futureTimestampError(input, now, prefix);
  if (future && !errors.some((error) => error.path === future.path)) errors.push(future);
  if (parsed.success && errors.length === 0) return { ok: true, event: parsed.data };
  return { ok: false, errors: capErrors(errors) };
}

/** Validates one received event. Never throws: any input, however malformed, yields a result. */
export function parseEvent(input: unknown, options: ParseOptions = {}): ParseResult {
  return check(input, options.now ?? Date.now(), []);
}

function batchError(message: string): BatchParseResult {
  return { ok: false, errors: [{ path: "", message }] };
}

/**
 * Validates one event or a list of events, all or nothing: a single bad event rejects the batch, with
 * errors naming its position ("[3].event_timestamp"). A single event (not in a list) gets plain paths.
 */
export function parseEventBatch(input: unknown, options: ParseOptions = {}): BatchParseResult {
  const now = options.now ?? Date.now();
  if (!Array.isArray(input)) {
    const single = check(input, now, []);
    return single.ok ? { ok: true, events: [single.event] } : single;
  }
  if (input.length === 0) return batchError("the batch is empty; send at least 1 event");
  if (input.length > MAX_BATCH_EVENTS) {
    return batchError(`the batch holds ${input.length} events; at most ${MAX_BATCH_EVENTS} are allowed`);
  }
  const events: EdmEvent[] = [];
  const errors: FieldError[] = [];
  for (const [index, item] of input.entries()) {
    const result = check(item, now, [index]);
    if (result.ok) events.push(result.event);
    else errors.push(...result.errors);
    // Stop early: the verdict is already "rejected" and the report is full.
    if (errors.length > MAX_FIELD_ERRORS) break;
  }
  return errors.length === 0 ? { ok: true, events } : { ok: false, errors: capErrors(errors) };
}
