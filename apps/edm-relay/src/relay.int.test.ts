import { captureLogs } from "@edm/runtime";
import { EVENT_ID_HEADER, ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE, TOPICS } from "@edm/schema";
import { afterEach, describe, expect, inject, it } from "vitest";
import { click, eventOf, newSession, pageload } from "./testing/events";
import { type RelayFixture, startTestRelay } from "./testing/relay-fixture";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fixture: RelayFixture | undefined;
afterEach(async () => {
  await fixture?.cleanUp();
  fixture = undefined;
});

describe("edm-relay writes acknowledged events to Kafka", () => {
  it("answers 202 with the id only once the event is in Kafka: its type's topic, keyed by session", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"));
    const session = newSession();
    const answer = await fixture.post("/api/events", click(session));
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 1, ids: [expect.stringMatching(UUID)] });
    const id = (answer.body.ids as string[])[0];

    const [record] = await fixture.read(TOPICS.click, 1);
    expect(record?.key).toBe(session);
    expect(record?.headers[EVENT_ID_HEADER]).toBe(id);
    expect(record && eventOf(record)).toEqual({ ...click(session), event_timestamp: expect.any(Number), id });
  });

  it("takes a batch across both topics, keeps the ids clients sent, and keeps batch order", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"));
    const session = newSession();
    const ownId = crypto.randomUUID();
    const clicks = Array.from({ length: 50 }, (_, seq) => click(session, seq));
    const answer = await fixture.post("/api/events", [{ ...pageload(session), id: ownId }, ...clicks]);
    expect(answer.status).toBe(202);
    expect(answer.body.accepted).toBe(51);
    const ids = answer.body.ids as string[];
    expect(ids[0]).toBe(ownId);
    expect(new Set(ids).size).toBe(51);

    const [loads, clicked] = await Promise.all([
      fixture.read(TOPICS.pageload, 1),
      fixture.read(TOPICS.click, 50),
    ]);
    expect(loads.map((record) => eventOf(record).id)).toEqual([ownId]);
    const inOrder = [...clicked].sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(inOrder.map((record) => eventOf(record).properties.seq)).toEqual(
      clicks.map((_, seq) => String(seq)),
    );
    expect(inOrder.map((record) => eventOf(record).id)).toEqual(ids.slice(1));
  });

  it("serves the original relay's routes with the original bodies", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"));
    const clickAnswer = await fixture.post("/produceClickMessage", ORIGINAL_CLICK_EXAMPLE);
    const loadAnswer = await fixture.post("/producePageLoad", ORIGINAL_PAGELOAD_EXAMPLE);
    expect([clickAnswer.status, loadAnswer.status]).toEqual([202, 202]);

    const [clicks, loads] = await Promise.all([
      fixture.read(TOPICS.click, 1),
      fixture.read(TOPICS.pageload, 1),
    ]);
    expect(clicks.map(eventOf)).toEqual([
      { ...ORIGINAL_CLICK_EXAMPLE, id: (clickAnswer.body.ids as string[])[0] },
    ]);
    expect(loads.map(eventOf)).toEqual([
      { ...ORIGINAL_PAGELOAD_EXAMPLE, id: (loadAnswer.body.ids as string[])[0] },
    ]);
  });

  it("works over mutual TLS with Heroku-shaped variables", async () => {
    fixture = await startTestRelay(inject("kafkaHerokuEnv"));
    const answer = await fixture.post("/api/events", click(newSession()));
    expect(answer.status).toBe(202);
    const [record] = await fixture.read(TOPICS.click, 1);
    expect(record && eventOf(record).id).toBe((answer.body.ids as string[])[0]);
  });
});

describe("edm-relay's HTTP surface", () => {
  it("answers CORS for allowed origins only, with credentials for sendBeacon", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"), {
      env: { CORS_ORIGINS: "https://shop.example.com" },
    });
    const preflight = (origin: string) =>
      fetch(`${fixture?.url}/api/events`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight("https://shop.example.com");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    const refused = await preflight("https://evil.example.com");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const answer = await fixture.post("/api/events", click(newSession()), {
      headers: { origin: "https://shop.example.com" },
    });
    expect(answer.status).toBe(202);
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
  });

  it("sends security headers, health and readiness, and JSON for unknown routes and methods", async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"));
    const health = await fetch(`${fixture.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect(health.headers.get("x-powered-by")).toBeNull();
    const ready = await fetch(`${fixture.url}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", checks: { kafka: true } });

    const missing = await fetch(`${fixture.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.stringContaining("/nope") });
    const wrongMethod = await fetch(`${fixture.url}/api/events`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect(await wrongMethod.json()).toEqual({ error: expect.any(String) });
  });

  it("logs one access line per request, with the request id, and never the body", async () => {
    const logs = captureLogs({ service: "edm-relay", level: "info" });
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"), { log: logs.log });
    const secret = `private-${crypto.randomUUID()}`;
    const answer = await fixture.post("/api/events", click(secret), {
      headers: { "x-request-id": "req-123" },
    });
    expect(answer.status).toBe(202);
    expect(answer.headers.get("x-request-id")).toBe("req-123");
    await fixture.post("/api/events", { not: "an event", secret });

    const access = logs.lines().filter((line) => line.req !== undefined);
    expect(access).toEqual([
      expect.objectContaining({
        req: expect.objectContaining({ id: "req-123", method: "POST" }),
        res: { statusCode: 202 },
      }),
      expect.objectContaining({ res: { statusCode: 400 } }),
    ]);
    expect(logs.text()).not.toContain(secret);
  });
});
