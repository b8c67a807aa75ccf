import { describe, expect, it } from "vitest";
import { eventsEndpoint, loadRuntimeConfig, parseRuntimeConfig } from "./runtime-config";

describe("parseRuntimeConfig", () => {
  it("takes an http(s) relay URL and drops a trailing slash", () => {
    expect(parseRuntimeConfig({ relayUrl: "http://localhost:3001/" })).toEqual({
      relayUrl: "http://localhost:3001",
    });
    expect(eventsEndpoint({ relayUrl: "https://relay.example.com" })).toBe(
      "https://relay.example.com/api/events",
    );
  });

  it("refuses anything else, naming the setting", () => {
    for (const value of [null, {}, { relayUrl: 3 }, { relayUrl: "relay:3001" }, { relayUrl: "ftp://x" }]) {
      expect(() => parseRuntimeConfig(value)).toThrow(/relayUrl/);
    }
  });
});

describe("loadRuntimeConfig", () => {
  it("keeps trying until /config.json answers", async () => {
    const answers = [
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => Promise.resolve({ ok: false, status: 502, json: async () => ({}) }),
      () => Promise.resolve({ ok: true, status: 200, json: async () => ({ relayUrl: "http://relay.test" }) }),
    ];
    const waits: number[] = [];
    const warnings: unknown[] = [];
    const config = await loadRuntimeConfig({
      fetch: (url) => {
        expect(url).toBe("/config.json");
        const next = answers.shift();
        if (!next) throw new Error("asked too often");
        return next();
      },
      sleep: async (ms) => void waits.push(ms),
      log: { warn: (...args: unknown[]) => warnings.push(args) },
    });
    expect(config).toEqual({ relayUrl: "http://relay.test" });
    expect(waits).toHaveLength(2);
    expect(warnings).toHaveLength(1);
  });
});
