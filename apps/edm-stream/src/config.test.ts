import { ConfigError } from "@edm/runtime";
import { describe, expect, it } from "vitest";
import { DEFAULT_CORS_ORIGINS, DEFAULT_MAX_DASHBOARDS, loadConfig } from "./config";

const host = { hostname: "laptop", pid: 4242 };
const kafka = { KAFKA_URL: "kafka://127.0.0.1:29092" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, host);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig", () => {
  it("gives local defaults when only KAFKA_URL is set", () => {
    const config = loadConfig(kafka, host);
    expect(config).toMatchObject({
      port: 3002,
      corsOrigins: DEFAULT_CORS_ORIGINS,
      instance: "laptop-3002",
      groupId: "edm-stream.laptop-3002",
      clientMaxQueuedEvents: 1000,
      clientStallTimeoutMs: 20_000,
      maxDashboards: DEFAULT_MAX_DASHBOARDS,
      frameIntervalMs: 20,
    });
    expect(config.kafka).toMatchObject({ brokers: ["127.0.0.1:29092"], tls: null, clientId: "edm-stream" });
  });

  it("names the consumer group after Heroku's dyno, so it is stable across restarts", () => {
    const config = loadConfig({ ...kafka, PORT: "41234", DYNO: "web.2" }, host);
    expect(config.groupId).toBe("edm-stream.web.2");
  });

  it("prefers STREAM_INSTANCE_ID and STREAM_GROUP_ID when given", () => {
    const config = loadConfig(
      { ...kafka, DYNO: "web.1", STREAM_GROUP_ID: "dash", STREAM_INSTANCE_ID: "blue" },
      host,
    );
    expect(config).toMatchObject({ instance: "blue", groupId: "dash.blue" });
  });

  it("reads the limits and the allow-list", () => {
    const config = loadConfig(
      {
        ...kafka,
        CORS_ORIGINS: "https://shop.example.com, https://dash.example.com",
        STREAM_CLIENT_MAX_QUEUED_EVENTS: "250",
        STREAM_CLIENT_STALL_TIMEOUT: "5s",
        STREAM_MAX_DASHBOARDS: "40",
        STREAM_FRAME_INTERVAL: "20ms",
      },
      host,
    );
    expect(config.maxDashboards).toBe(40);
    expect(config.frameIntervalMs).toBe(20);
    expect(config.corsOrigins).toEqual(["https://shop.example.com", "https://dash.example.com"]);
    expect(config.clientMaxQueuedEvents).toBe(250);
    expect(config.clientStallTimeoutMs).toBe(5_000);
  });

  it("reports every bad variable by name", () => {
    const problems = problemsOf({
      ...kafka,
      PORT: "http",
      CORS_ORIGINS: "*",
      STREAM_GROUP_ID: "edm stream",
      STREAM_CLIENT_MAX_QUEUED_EVENTS: "0",
      STREAM_CLIENT_STALL_TIMEOUT: "soon",
      STREAM_MAX_DASHBOARDS: "0",
      STREAM_FRAME_INTERVAL: "2s",
    });
    expect(problems.map((problem) => problem.split(":")[0])).toEqual([
      "PORT",
      "CORS_ORIGINS",
      "STREAM_GROUP_ID",
      "STREAM_CLIENT_MAX_QUEUED_EVENTS",
      "STREAM_CLIENT_STALL_TIMEOUT",
      "STREAM_MAX_DASHBOARDS",
      "STREAM_FRAME_INTERVAL",
    ]);
  });

  it("refuses origins with a path or a wildcard", () => {
    expect(problemsOf({ ...kafka, CORS_ORIGINS: "https://shop.example.com/" })).toHaveLength(1);
    expect(problemsOf({ ...kafka, CORS_ORIGINS: "https://*.example.com" })).toHaveLength(1);
  });

  it("fails without KAFKA_URL, saying what to set", () => {
    expect(() => loadConfig({}, host)).toThrow(/KAFKA_URL: is missing/);
  });
});
