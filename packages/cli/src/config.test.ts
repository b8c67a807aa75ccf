import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "./cli-error";
import { loadConfig } from "./config";

const local = { url: "kafka://127.0.0.1:9092", file: "/repo/.local/kafka/connection.json" };

describe("loadConfig", () => {
  it("uses KAFKA_URL when set, with KAFKA_PREFIX", () => {
    const config = loadConfig({ KAFKA_URL: "kafka://broker:9092", KAFKA_PREFIX: "milk-3411." }, local);
    expect(config.kafka).toMatchObject({ brokers: ["broker:9092"], prefix: "milk-3411.", tls: null });
    expect(config.kafkaSource).toBe("KAFKA_URL");
  });

  it("falls back to the project's local broker and says so", () => {
    const config = loadConfig({}, local);
    expect(config.kafka.brokers).toEqual(["127.0.0.1:9092"]);
    expect(config.kafkaSource).toContain(local.file);
  });

  it("reads DATABASE_URL, and refuses one that is not PostgreSQL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }, local).databaseUrl).toBe("postgres://u@h/db");
    expect(() => loadConfig({ DATABASE_URL: "mysql://h/db" }, local)).toThrow(/DATABASE_URL/);
  });

  it("fails with the configuration exit code, naming the variable", () => {
    const failure = (env: Record<string, string>, broker: typeof local | undefined) => {
      try {
        loadConfig(env, broker);
      } catch (error) {
        return error as CliError;
      }
      throw new Error("expected a failure");
    };
    const tlsWithoutCerts = failure({ KAFKA_URL: "kafka+ssl://broker:9096" }, local);
    expect(tlsWithoutCerts).toBeInstanceOf(CliError);
    expect(tlsWithoutCerts.exitCode).toBe(EXIT.config);
    expect(tlsWithoutCerts.message).toMatch(/KAFKA_TRUSTED_CERT/);
    expect(failure({}, undefined).message).toMatch(/KAFKA_URL is not set/);
  });
});
