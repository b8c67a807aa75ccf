import { ConfigError } from "@edm/runtime";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("loadConfig", () => {
  it("defaults to the local ports of the other apps, with no shop link", () => {
    expect(loadConfig({})).toEqual({
      port: 3004,
      runtimeConfig: {
        statsUrl: "http://localhost:3003",
        streamUrl: "http://localhost:3002",
        funnelUrl: "http://localhost:3005",
      },
      connectTo: ["http://localhost:3003", "http://localhost:3002", "http://localhost:3005"],
    });
  });

  it("takes the URLs from the environment and allows connecting to their origins", () => {
    const config = loadConfig({
      PORT: "8080",
      STATS_URL: "https://edm-stats.example.com/base",
      STREAM_URL: "https://edm-stream.example.com",
      SHOP_URL: "https://edm-ui.example.com",
      FUNNEL_URL: "https://edm-funnel.example.com",
    });
    expect(config.port).toBe(8080);
    expect(config.runtimeConfig).toEqual({
      statsUrl: "https://edm-stats.example.com/base",
      streamUrl: "https://edm-stream.example.com",
      funnelUrl: "https://edm-funnel.example.com",
      shopUrl: "https://edm-ui.example.com",
    });
    expect(config.connectTo).toEqual([
      "https://edm-stats.example.com",
      "https://edm-stream.example.com",
      "https://edm-funnel.example.com",
    ]);
  });

  it("names each bad variable", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "http", STATS_URL: "localhost:3003", SHOP_URL: "ftp://shop" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.variable).sort()).toEqual([
      "PORT",
      "SHOP_URL",
      "STATS_URL",
    ]);
  });
});
