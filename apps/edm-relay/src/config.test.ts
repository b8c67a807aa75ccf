import { ConfigError } from "@edm/runtime";
import { describe, expect, it } from "vitest";
import { DEFAULT_CORS_ORIGINS, loadConfig } from "./config";

const kafkaEnv = { KAFKA_URL: "kafka://127.0.0.1:29092" };

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("has local defaults for everything but Kafka's address", () => {
    expect(loadConfig(kafkaEnv)).toEqual({
      port: 3001,
      kafka: { brokers: ["127.0.0.1:29092"], tls: null, prefix: "", clientId: "edm-relay" },
      corsOrigins: DEFAULT_CORS_ORIGINS,
      maxBodyBytes: 256 * 1024,
      rateLimitPerMinute: 1200,
      trustProxy: 0,
      sendTimeoutMs: 10_000,
      maxQueuedEvents: 10_000,
      maxEventsPerSend: 2_000,
      metrics: {},
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      ...kafkaEnv,
      KAFKA_PREFIX: "milk-3411.",
      PORT: "8080",
      CORS_ORIGINS: "https://shop.example.com, http://localhost:3000",
      MAX_BODY_BYTES: "64kb",
      RATE_LIMIT_PER_MINUTE: "60",
      TRUST_PROXY: "1",
      SEND_TIMEOUT_MS: "2s",
      MAX_QUEUED_EVENTS: "5000",
      METRICS_TOKEN: "0123456789abcdef0123",
    });
    expect(config).toMatchObject({
      metrics: { token: "0123456789abcdef0123" },
      port: 8080,
      kafka: { prefix: "milk-3411." },
      corsOrigins: ["https://shop.example.com", "http://localhost:3000"],
      maxBodyBytes: 64 * 1024,
      rateLimitPerMinute: 60,
      trustProxy: 1,
      sendTimeoutMs: 2_000,
      maxQueuedEvents: 5_000,
      maxEventsPerSend: 2_000,
    });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ ...kafkaEnv, PORT: "", CORS_ORIGINS: " " }).port).toBe(3001);
  });

  it("reports the relay's and Kafka's problems together, by variable, without their values", () => {
    const env = {
      PORT: "eighty-secret",
      CORS_ORIGINS: "*,https://shop.example.com/,ftp://files.example.com",
      MAX_BODY_BYTES: "1gb",
      RATE_LIMIT_PER_MINUTE: "0",
      TRUST_PROXY: "true",
      SEND_TIMEOUT_MS: "1h",
      MAX_QUEUED_EVENTS: "10",
      KAFKA_PREFIX: "bad prefix!",
    };
    const problems = problemsOf(env);
    expect(problems.map((problem) => problem.variable)).toEqual([
      "PORT",
      "CORS_ORIGINS",
      "CORS_ORIGINS",
      "CORS_ORIGINS",
      "MAX_BODY_BYTES",
      "RATE_LIMIT_PER_MINUTE",
      "TRUST_PROXY",
      "SEND_TIMEOUT_MS",
      "MAX_QUEUED_EVENTS",
      "KAFKA_URL",
      "KAFKA_PREFIX",
    ]);
    expect(problems.find((problem) => problem.variable === "SEND_TIMEOUT_MS")?.problem).toBe(
      "must be at most 15s",
    );
    expect(problems.find((problem) => problem.variable === "KAFKA_URL")?.problem).toMatch(/^is missing/);
    const text = JSON.stringify(problems);
    for (const value of ["eighty-secret", "shop.example.com/", "files.example.com", "bad prefix!"]) {
      expect(text).not.toContain(value);
    }
  });

  it("names which CORS entry is wrong and why", () => {
    const problems = problemsOf({
      ...kafkaEnv,
      CORS_ORIGINS: "https://ok.example.com,https://Shop.example.com",
    });
    expect(problems).toEqual([
      { variable: "CORS_ORIGINS", problem: expect.stringMatching(/^entry 2 must be/) },
    ]);
  });
});
