import { ConfigError } from "@edm/runtime";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

const minimal = {
  DATABASE_URL: "postgres://stats:s3cret@db.example.com:5432/edm",
  KAFKA_URL: "kafka://127.0.0.1:29092",
};

function problemsOf(env: Record<string, string | undefined>) {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig", () => {
  it("needs only DATABASE_URL and KAFKA_URL; the rest has local defaults", () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      port: 3003,
      databaseUrl: minimal.DATABASE_URL,
      groupId: "edm-stats",
      migrateOnStart: false,
      sessionTimeoutMs: 30_000,
      dedupeRetentionMs: 15 * 24 * 3_600_000,
      generationPollMs: 5_000,
      kafka: { brokers: ["127.0.0.1:29092"], tls: null, prefix: "", clientId: "edm-stats" },
    });
    expect(config.corsOrigins).toContain("http://localhost:3004");
    expect(config.corsOrigins).toContain("http://127.0.0.1:3004");
  });

  it("reads every variable", () => {
    const config = loadConfig({
      ...minimal,
      PORT: "8080",
      KAFKA_PREFIX: "milk-3411.",
      CORS_ORIGINS: "https://dash.example.com, https://other.example.com",
      STATS_GROUP_ID: "edm-stats-blue",
      MIGRATE_ON_START: "1",
      STATS_SESSION_TIMEOUT: "10s",
      DEDUPE_RETENTION: "720h",
      STATS_GENERATION_POLL: "2s",
    });
    expect(config).toMatchObject({
      port: 8080,
      corsOrigins: ["https://dash.example.com", "https://other.example.com"],
      groupId: "edm-stats-blue",
      migrateOnStart: true,
      sessionTimeoutMs: 10_000,
      dedupeRetentionMs: 720 * 3_600_000,
      generationPollMs: 2_000,
      kafka: { prefix: "milk-3411." },
    });
  });

  it("reports every missing variable at once, Kafka's included", () => {
    const problems = problemsOf({});
    expect(problems.map((problem) => problem.variable).sort()).toEqual(["DATABASE_URL", "KAFKA_URL"]);
  });

  it.each([
    ["DATABASE_URL", "mysql://db.example.com/edm"],
    ["PORT", "http"],
    ["CORS_ORIGINS", "*"],
    ["CORS_ORIGINS", "https://dash.example.com/path"],
    ["STATS_GROUP_ID", "edm stats"],
    ["MIGRATE_ON_START", "maybe"],
    ["STATS_SESSION_TIMEOUT", "1s"],
    ["DEDUPE_RETENTION", "5m"],
  ])("refuses %s=%s, naming the variable", (variable, value) => {
    const problems = problemsOf({ ...minimal, [variable]: value });
    expect(problems.map((problem) => problem.variable)).toEqual([variable]);
  });

  it("never repeats a value in its messages", () => {
    const problems = problemsOf({
      ...minimal,
      DATABASE_URL: "mysql://stats:s3cret@db/edm",
      KAFKA_URL: "nope",
    });
    expect(JSON.stringify(problems)).not.toContain("s3cret");
    expect(problems.map((problem) => problem.variable).sort()).toEqual(["DATABASE_URL", "KAFKA_URL"]);
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ ...minimal, PORT: "", MIGRATE_ON_START: "" })).toMatchObject({
      port: 3003,
      migrateOnStart: false,
    });
  });
});
