import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { parseBatchSize, parseDuration, parseHttpUrl, parseRate, planLoad } from "./load-options";

const defaults = {
  relay: "http://127.0.0.1:3001",
  shop: "http://127.0.0.1:3000",
  rate: 20,
  batch: 20,
  concurrency: 4,
  drain: 30_000,
};

describe("load options", () => {
  it("reads durations, a bare number being seconds, within 1 s to 1 h", () => {
    expect(parseDuration("90")).toBe(90_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    for (const bad of ["0", "500ms", "2h", "soon"])
      expect(() => parseDuration(bad)).toThrow(InvalidArgumentError);
  });

  it("refuses absurd rates and batches", () => {
    expect(parseRate("5000")).toBe(5000);
    for (const bad of ["0", "5001", "1.5", "-3", "1e3"])
      expect(() => parseRate(bad)).toThrow(/from 1 to 5000/);
    expect(() => parseBatchSize("501")).toThrow(/from 1 to 500/);
  });

  it("takes http(s) URLs only, without a trailing slash", () => {
    expect(parseHttpUrl("https://relay.example.com/")).toBe("https://relay.example.com");
    expect(() => parseHttpUrl("ftp://x")).toThrow(InvalidArgumentError);
  });

  it("runs a minute by default, as long as --events needs, and never past an hour", () => {
    expect(planLoad(defaults)).toMatchObject({ ok: true, plan: { events: 1_200, durationMs: 60_000 } });
    expect(planLoad({ ...defaults, events: 100 })).toMatchObject({
      ok: true,
      plan: { events: 100, durationMs: 5_000 },
    });
    expect(planLoad({ ...defaults, events: 100, duration: 2_000 })).toMatchObject({
      ok: true,
      plan: { events: 100, durationMs: 2_000 },
    });
    expect(planLoad({ ...defaults, rate: 1, events: 1_000_000 })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/limit is an hour/),
    });
  });
});
