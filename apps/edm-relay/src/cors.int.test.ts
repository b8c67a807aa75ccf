import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { click, newSession } from "./testing/events";
import { type RelayFixture, startTestRelay } from "./testing/relay-fixture";

// What a browser on the shop's origin may read of the relay's answers: without Retry-After in
// Access-Control-Expose-Headers, fetch() hides it and the shop cannot wait as long as it is asked to.

const SHOP = "https://shop.example.com";

describe("edm-relay's CORS headers", () => {
  let fixture: RelayFixture;
  beforeAll(async () => {
    fixture = await startTestRelay(inject("kafkaPlaintextEnv"), {
      env: { CORS_ORIGINS: SHOP, RATE_LIMIT_PER_MINUTE: "1" },
    });
  });
  afterAll(() => fixture?.cleanUp());

  it("lets the shop read Retry-After on a 429", async () => {
    const session = newSession();
    const headers = { origin: SHOP };
    expect((await fixture.post("/api/events", click(session, 0), { headers })).status).toBe(202);
    const refused = await fixture.post("/api/events", click(session, 1), { headers });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(refused.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("retry-after");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("still lets no other origin read anything (the exposed list matters only with an allowed origin)", async () => {
    const answer = await fetch(`${fixture.url}/healthz`, { headers: { origin: "https://evil.example.com" } });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends an API's security headers: nothing may load or frame an answer, HTTPS only, no sniffing", async () => {
    const answer = await fixture.post("/api/events", click(newSession(), 0), { headers: { origin: SHOP } });
    expect(answer.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(answer.headers.get("referrer-policy")).toBe("no-referrer");
    expect(answer.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(answer.headers.get("x-powered-by")).toBeNull();
  });
});
