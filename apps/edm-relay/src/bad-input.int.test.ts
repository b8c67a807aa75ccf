import {
  MAX_BATCH_EVENTS,
  MAX_BUTTON_ID_LENGTH,
  MAX_URL_LENGTH,
  ORIGINAL_CLICK_EXAMPLE,
  ORIGINAL_PAGELOAD_EXAMPLE,
  TOPICS,
} from "@edm/schema";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { click, eventOf, newSession, pageload } from "./testing/events";
import { type Answer, type RelayFixture, startTestRelay } from "./testing/relay-fixture";

// Every bad request gets its 4xx with a JSON error and writes nothing. "Nothing" is checked at the end:
// one good marker event per topic goes last, and each topic must then hold exactly that one record.

let fixture: RelayFixture;
const session = newSession();
const longText = (length: number) => "x".repeat(length);

beforeAll(async () => {
  fixture = await startTestRelay(inject("kafkaPlaintextEnv"), { env: { MAX_BODY_BYTES: "64kb" } });
});
afterAll(() => fixture?.cleanUp());

function expectError(answer: Answer, status: number) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.body.error).toEqual(expect.any(String));
}

const raw = (path: string, init: RequestInit) => fetch(`${fixture.url}${path}`, { method: "POST", ...init });
async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("edm-relay refuses bad input and writes nothing", () => {
  it("malformed JSON: 400", async () => {
    expectError(await fixture.post("/api/events", '{"topic": "edm-ui-click",'), 400);
    expectError(await fixture.post("/api/events", ""), 400);
  });

  it("a body that is not JSON by its Content-Type: 415", async () => {
    const body = JSON.stringify(click(session));
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const answer = await answerOf(await raw("/api/events", { body, headers: { "content-type": type } }));
      expectError(answer, 415);
    }
    expectError(await answerOf(await raw("/api/events", { body: new Blob([body]) })), 415);
    expectError(
      await fixture.post("/api/events", body, {
        headers: { "content-type": "application/json; charset=latin1" },
      }),
      415,
    );
  });

  it("a body larger than MAX_BODY_BYTES: 413", async () => {
    const big = Array.from({ length: 400 }, () => click(session));
    const answer = await fixture.post("/api/events", big);
    expectError(answer, 413);
    expect(answer.body.limitBytes).toBe(64 * 1024);
  });

  it("more events than a batch may hold: 400", async () => {
    const tooMany = Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => ({}));
    const answer = await fixture.post("/api/events", tooMany);
    expectError(answer, 400);
    expect(answer.body.errors).toEqual([
      { path: "", message: expect.stringContaining(`at most ${MAX_BATCH_EVENTS}`) },
    ]);
  });

  it("unknown topics, and topics a client tries to pick: 400 naming the allowed ones", async () => {
    for (const topic of ["edm-ui-purchase", "__consumer_offsets", `${fixture.prefix}edm-ui-click`, 42]) {
      const answer = await fixture.post("/api/events", { ...click(session), topic });
      expectError(answer, 400);
      expect(answer.body.errors).toEqual([
        { path: "topic", message: expect.stringContaining('"edm-ui-click"') },
      ]);
    }
  });

  it("bad timestamps: 400", async () => {
    const day = 24 * 60 * 60 * 1000;
    for (const event_timestamp of [1541792811, Date.now() + 2 * day, "2018-11-09", 1.5e12 + 0.5, null]) {
      const answer = await fixture.post("/api/events", { ...click(session), event_timestamp });
      expectError(answer, 400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ path: "event_timestamp" })]);
    }
  });

  it("strings too long and fields that do not belong: 400 with field-level reasons", async () => {
    const longButton = click(session);
    longButton.properties.button_id = longText(MAX_BUTTON_ID_LENGTH + 1);
    const longUrl = pageload(session);
    longUrl.properties.url = `https://shop.example.com/${longText(MAX_URL_LENGTH)}`;
    const cases: [unknown, string][] = [
      [longButton, "properties.button_id"],
      [longUrl, "properties.url"],
      [{ ...click(session), uuid: longText(1000) }, "uuid"],
      [{ ...click(session), timestamp: 1 }, "timestamp"],
      [{ ...click(session), id: "not-a-uuid" }, "id"],
    ];
    for (const [body, path] of cases) {
      const answer = await fixture.post("/api/events", body);
      expectError(answer, 400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ path })]);
    }
  });

  it("text UTF-8 or PostgreSQL cannot hold (NUL, lone surrogate): 400 naming the field", async () => {
    const badButton = click(session);
    badButton.properties.button_id = "add\u202Eto-cart";
    const cases: [string, string, string][] = [
      [JSON.stringify({ ...click(session), uuid: "a\u0000b" }), "uuid", "U+0000 at position 1"],
      // JSON.stringify writes a lone surrogate as the escape "\ud800", as a browser's would.
      [JSON.stringify({ ...click(session), uuid: "a\ud800" }), "uuid", "U+D800 at position 1"],
      [JSON.stringify(badButton), "properties.button_id", "U+202E at position 3"],
    ];
    for (const [body, path, found] of cases) {
      const answer = await fixture.post("/api/events", body);
      expectError(answer, 400);
      expect(answer.body.errors).toEqual([{ path, message: expect.stringContaining(`(found ${found})`) }]);
    }
  });

  it("a batch with one bad event: 400, and none of its good events is written", async () => {
    const batch = [click(session), pageload(session), { ...click(session), uuid: "" }];
    const answer = await fixture.post("/api/events", batch);
    expectError(answer, 400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: "[2].uuid" })]);
  });

  it("an event posted to the other type's original route: 400", async () => {
    const answer = await fixture.post("/produceClickMessage", ORIGINAL_PAGELOAD_EXAMPLE);
    expectError(answer, 400);
    expect(answer.body.errors).toEqual([{ path: "topic", message: expect.stringContaining("edm-ui-click") }]);
    expectError(await fixture.post("/producePageLoad", [ORIGINAL_CLICK_EXAMPLE]), 400);
  });

  it("…and after all of that, each topic holds only the one good marker sent last", async () => {
    const markers = [click(session, 999), pageload(session, 999)];
    expect((await fixture.post("/api/events", markers)).status).toBe(202);
    const [clicks, loads] = await Promise.all([
      fixture.read(TOPICS.click, 1, 1_500),
      fixture.read(TOPICS.pageload, 1, 1_500),
    ]);
    expect(clicks.map((record) => eventOf(record).properties.seq)).toEqual(["999"]);
    expect(loads.map((record) => eventOf(record).properties.seq)).toEqual(["999"]);
  });
});

describe("edm-relay's rate limit", () => {
  it("answers 429 with Retry-After past RATE_LIMIT_PER_MINUTE, per client address", async () => {
    const limited = await startTestRelay(inject("kafkaPlaintextEnv"), {
      env: { RATE_LIMIT_PER_MINUTE: "2" },
    });
    try {
      const answers: Answer[] = [];
      for (let seq = 0; seq < 3; seq += 1)
        answers.push(await limited.post("/api/events", click(session, seq)));
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 429]);
      // The standard RateLimit header (IETF draft 7) tells a client how much of its limit is left.
      expect(answers[0]?.headers.get("ratelimit")).toMatch(/^limit=2, remaining=1, reset=\d+$/);
      const refused = answers[2] as Answer;
      expectError(refused, 429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // Without TRUST_PROXY, a client cannot escape its limit by claiming another address.
      const spoofed = await limited.post("/api/events", click(session, 3), {
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
      expect(spoofed.status).toBe(429);

      const written = await limited.read(TOPICS.click, 2, 1_500);
      expect(written.map((record) => eventOf(record).properties.seq).sort()).toEqual(["0", "1"]);
    } finally {
      await limited.cleanUp();
    }
  });

  it("with TRUST_PROXY=1, counts each client behind the router on its own", async () => {
    const limited = await startTestRelay(inject("kafkaPlaintextEnv"), {
      env: { RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "1" },
    });
    try {
      const from = (address: string, seq: number) =>
        limited.post("/api/events", click(session, seq), { headers: { "x-forwarded-for": address } });
      expect((await from("203.0.113.1", 0)).status).toBe(202);
      expect((await from("203.0.113.2", 1)).status).toBe(202);
      expect((await from("203.0.113.1", 2)).status).toBe(429);
    } finally {
      await limited.cleanUp();
    }
  });
});
