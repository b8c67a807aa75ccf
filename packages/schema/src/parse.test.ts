import { describe, expect, it } from "vitest";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import type { FieldError } from "./field-errors";
import {
  MAX_BUTTON_ID_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_FUTURE_SKEW_MS,
  MAX_SESSION_ID_LENGTH,
  MAX_URL_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MIN_EVENT_TIMESTAMP_MS,
} from "./limits";
import { parseEvent } from "./parse";

const now = Date.UTC(2018, 10, 10); // the day after the original samples
const click = () => structuredClone(ORIGINAL_CLICK_EXAMPLE) as Record<string, unknown>;
const pageload = () => structuredClone(ORIGINAL_PAGELOAD_EXAMPLE) as Record<string, unknown>;

function errorsOf(input: unknown): FieldError[] {
  const result = parseEvent(input, { now });
  if (result.ok) throw new Error(`expected rejection, got ${JSON.stringify(result.event)}`);
  return result.errors;
}

function withProperty(base: Record<string, unknown>, name: string, value: unknown) {
  return { ...base, properties: { ...(base.properties as object), [name]: value } };
}

describe("parseEvent with the original apps' payloads", () => {
  it.each([
    ["click", ORIGINAL_CLICK_EXAMPLE],
    ["pageload", ORIGINAL_PAGELOAD_EXAMPLE],
  ])("accepts a %s exactly as sent, and returns it unchanged", (_, example) => {
    const wire = JSON.stringify(example);
    const result = parseEvent(JSON.parse(wire), { now });
    expect(result).toEqual({ ok: true, event: example });
    expect(result.ok && JSON.stringify(result.event)).toBe(wire);
  });

  it("accepts a session id that is not a UUID", () => {
    expect(parseEvent({ ...click(), uuid: "session-42" }, { now }).ok).toBe(true);
  });

  it("uses the current time when no clock is given", () => {
    expect(parseEvent({ ...click(), event_timestamp: Date.now() }).ok).toBe(true);
  });
});

describe("parseEvent topic", () => {
  it.each(["__consumer_offsets", "edm-ui-unknown", "EDM-UI-CLICK"])(
    "rejects %j and lists the allowed topics",
    (topic) => {
      expect(errorsOf({ ...click(), topic })).toEqual([
        {
          path: "topic",
          message: expect.stringMatching(/^unknown topic .*"edm-ui-click", "edm-ui-pageload"$/),
        },
      ]);
    },
  );

  it("says a missing topic is required", () => {
    const { topic: _, ...rest } = click();
    expect(errorsOf(rest)).toEqual([
      { path: "topic", message: expect.stringMatching(/^is required; allowed/) },
    ]);
  });

  it("rejects a topic that is not text", () => {
    expect(errorsOf({ ...click(), topic: 7 })[0]?.message).toMatch(/must be text, one of .* got a number/);
  });

  it("does not echo a huge topic back in full", () => {
    const [error] = errorsOf({ ...click(), topic: "x".repeat(10_000) });
    expect(error?.message.length).toBeLessThan(200);
  });
});

describe("parseEvent required fields", () => {
  it.each(["uuid", "event_timestamp", "properties"])("requires %s", (field) => {
    const event = click();
    delete event[field];
    expect(errorsOf(event)).toEqual([{ path: field, message: "is required" }]);
  });

  it.each([
    ["click", click, "button_id"],
    ["click", click, "description"],
    ["pageload", pageload, "user_agent"],
    ["pageload", pageload, "description"],
    ["pageload", pageload, "url"],
  ])("requires %s properties.%s", (_, make, name) => {
    const event = make();
    delete (event.properties as Record<string, unknown>)[name];
    expect(errorsOf(event)).toEqual([{ path: `properties.${name}`, message: "is required" }]);
  });

  it.each([
    ["a string", "hello", "got text"],
    ["a list", [], "got a list"],
    ["null", null, "got null"],
    ["a number", 3, "got a number"],
  ])("rejects %s as the whole event", (_, input, got) => {
    expect(errorsOf(input)).toEqual([{ path: "", message: `the event must be an object, ${got}` }]);
  });

  it("rejects properties that are not an object", () => {
    expect(errorsOf({ ...click(), properties: "button click" })).toEqual([
      { path: "properties", message: "must be an object, got text" },
    ]);
  });
});

describe("parseEvent string bounds", () => {
  it.each([
    ["uuid", click, MAX_SESSION_ID_LENGTH],
    ["properties.button_id", click, MAX_BUTTON_ID_LENGTH],
    ["properties.description", click, MAX_DESCRIPTION_LENGTH],
    ["properties.description", pageload, MAX_DESCRIPTION_LENGTH],
    ["properties.user_agent", pageload, MAX_USER_AGENT_LENGTH],
  ])("%s accepts %#: up to the limit, not one more", (path, make, max) => {
    const set = (value: string) => {
      const event = make();
      const [head, tail] = path.split(".");
      if (tail) (event[head as string] as Record<string, unknown>)[tail] = value;
      else event[path] = value;
      return event;
    };
    expect(parseEvent(set("a".repeat(max)), { now }).ok).toBe(true);
    expect(errorsOf(set("a".repeat(max + 1)))).toEqual([
      { path, message: `must be at most ${max} characters (got ${max + 1})` },
    ]);
  });

  it("url accepts up to the limit, not one more", () => {
    const urlOfLength = (length: number) => {
      const base = "https://edm-ui.herokuapp.com/?q=";
      return base + "a".repeat(length - base.length);
    };
    expect(parseEvent(withProperty(pageload(), "url", urlOfLength(MAX_URL_LENGTH)), { now }).ok).toBe(true);
    expect(errorsOf(withProperty(pageload(), "url", urlOfLength(MAX_URL_LENGTH + 1)))).toEqual([
      {
        path: "properties.url",
        message: `must be at most ${MAX_URL_LENGTH} characters (got ${MAX_URL_LENGTH + 1})`,
      },
    ]);
  });

  it.each(["uuid", "properties.button_id"])("%s must not be empty", (path) => {
    const event = path === "uuid" ? { ...click(), uuid: "" } : withProperty(click(), "button_id", "");
    expect(errorsOf(event)).toEqual([{ path, message: "must not be empty" }]);
  });

  it("allows an empty description and user agent (privacy tools blank the user agent)", () => {
    expect(parseEvent(withProperty(click(), "description", ""), { now }).ok).toBe(true);
    expect(parseEvent(withProperty(pageload(), "user_agent", ""), { now }).ok).toBe(true);
  });

  it.each(["http://localhost:5000/", "https://127.0.0.1:8443/a?b=c#d", "https://edm-ui.herokuapp.com"])(
    "accepts the http(s) url %s",
    (url) => {
      expect(parseEvent(withProperty(pageload(), "url", url), { now }).ok).toBe(true);
    },
  );

  it.each(["ftp://example.com/", "javascript:alert(1)", "/relative/path", "http:example.com", "not a url"])(
    "rejects the url %s",
    (url) => {
      expect(errorsOf(withProperty(pageload(), "url", url))).toEqual([
        { path: "properties.url", message: "must be an http:// or https:// URL" },
      ]);
    },
  );

  it("rejects a known property that is not text", () => {
    expect(errorsOf(withProperty(click(), "button_id", 12))).toEqual([
      { path: "properties.button_id", message: "must be text, got a number" },
    ]);
  });
});

describe("parseEvent event_timestamp", () => {
  const at = (event_timestamp: unknown) => ({ ...click(), event_timestamp });

  it("accepts the earliest allowed moment and the latest allowed skew", () => {
    expect(parseEvent(at(MIN_EVENT_TIMESTAMP_MS), { now }).ok).toBe(true);
    expect(parseEvent(at(now + MAX_FUTURE_SKEW_MS), { now }).ok).toBe(true);
  });

  it("rejects a moment before 2000-01-01, hinting at seconds instead of milliseconds", () => {
    expect(errorsOf(at(MIN_EVENT_TIMESTAMP_MS - 1))[0]?.path).toBe("event_timestamp");
    expect(errorsOf(at(1541792811))[0]?.message).toMatch(/on or after 2000-01-01.*seconds are too small/);
  });

  it("rejects a moment too far ahead of the injected clock", () => {
    expect(errorsOf(at(now + MAX_FUTURE_SKEW_MS + 1))).toEqual([
      {
        path: "event_timestamp",
        message: expect.stringMatching(/more than 24 hours ahead.*2018-11-10T00:00:00.000Z/),
      },
    ]);
    expect(parseEvent(at(now + MAX_FUTURE_SKEW_MS + 1), { now: now + 1 }).ok).toBe(true);
  });

  it.each([
    ["a fraction", 1541792811040.5, "must be a whole number of milliseconds since 1970-01-01 UTC"],
    ["digits as text", "1541792811040", "must be a number of milliseconds since 1970-01-01 UTC, got text"],
    [
      "an ISO date",
      "2018-11-09T19:46:51Z",
      "must be a number of milliseconds since 1970-01-01 UTC, got text",
    ],
    ["null", null, "must be a number of milliseconds since 1970-01-01 UTC, got null"],
  ])("rejects %s", (_, value, message) => {
    expect(errorsOf(at(value))).toEqual([{ path: "event_timestamp", message }]);
  });

  it("reports an absurdly large number once", () => {
    expect(errorsOf(at(1e300))).toHaveLength(1);
  });
});

describe("parseEvent id (idempotency key)", () => {
  const withId = (id: unknown) => ({ ...click(), id });

  it("accepts a UUID and stores it lowercased, so retries deduplicate whatever the case", () => {
    const result = parseEvent(withId("3F1C2A9E-5B7D-4C1A-9F0E-2D6B8A4C7E11"), { now });
    expect(result.ok && result.event.id).toBe("3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11");
  });

  it.each([
    "not-a-uuid",
    "",
    42,
    "3f1c2a9e5b7d4c1a9f0e2d6b8a4c7e11",
    "3f1c2a9e-5b7d-4c1a-9f0e-2d6b8a4c7e11x",
  ])("rejects the id %j", (id) => {
    expect(errorsOf(withId(id))).toEqual([{ path: "id", message: expect.stringMatching(/^must be a UUID/) }]);
  });

  it.each(["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"])(
    "rejects the shared UUID %s",
    (id) => {
      expect(errorsOf(withId(id))).toEqual([
        { path: "id", message: expect.stringMatching(/nil or max UUID/) },
      ]);
    },
  );
});

describe("parseEvent envelope strictness", () => {
  it("rejects each unknown top-level field by name", () => {
    expect(errorsOf({ ...click(), timestamp: 1, "odd key": true })).toEqual([
      {
        path: "timestamp",
        message: expect.stringMatching(/^is not an allowed field; an event holds only topic/),
      },
      { path: '["odd key"]', message: expect.stringMatching(/^is not an allowed field/) },
    ]);
  });

  it("reports every problem at once, not just the first", () => {
    const errors = errorsOf({ ...click(), uuid: "", event_timestamp: "x", extra: 1 });
    expect(errors.map((error) => error.path).sort()).toEqual(["event_timestamp", "extra", "uuid"]);
  });

  it("never throws, even on input JSON cannot produce", () => {
    const hostile = { ...click() };
    Object.defineProperty(hostile, "uuid", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(parseEvent(hostile, { now })).toEqual({
      ok: false,
      errors: [{ path: "", message: "the event could not be read as plain data" }],
    });
    expect(parseEvent(undefined, { now }).ok).toBe(false);
    expect(parseEvent(Symbol("x"), { now }).ok).toBe(false);
    expect(parseEvent(10n, { now }).ok).toBe(false);
  });
});
