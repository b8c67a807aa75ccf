import { describe, expect, it } from "vitest";
import { parseRuntimeConfig } from "./runtime-config";

describe("parseRuntimeConfig", () => {
  it("accepts the stats and stream URLs, and an optional shop URL", () => {
    const config = { statsUrl: "http://localhost:3003", streamUrl: "https://stream.example.com" };
    expect(parseRuntimeConfig(config)).toEqual(config);
    expect(parseRuntimeConfig({ ...config, shopUrl: "http://localhost:3000" }).shopUrl).toBe(
      "http://localhost:3000",
    );
  });

  it("names every field that is missing or wrong", () => {
    expect(() => parseRuntimeConfig({ statsUrl: "ftp://stats", shopUrl: 3 })).toThrow(
      /statsUrl must be an http:\/\/ or https:\/\/ URL; streamUrl .*; shopUrl /,
    );
  });
});
