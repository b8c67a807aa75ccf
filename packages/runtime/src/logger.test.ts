import { describe, expect, it } from "vitest";
import { captureLogs } from "./capture-logs";
import { ConfigError } from "./config-error";
import { createLogger } from "./logger";

const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";

describe("createLogger", () => {
  it("binds the service name and writes readable levels and times", () => {
    const { log, lines } = captureLogs({ service: "edm-relay" });
    log.info({ topic: "clicks" }, "event relayed");
    expect(lines()[0]).toMatchObject({ service: "edm-relay", level: "info", msg: "event relayed" });
    expect(lines()[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("takes the level from LOG_LEVEL", () => {
    expect(createLogger({ service: "s", env: { LOG_LEVEL: "warn" } }).level).toBe("warn");
    expect(createLogger({ service: "s", env: {} }).level).toBe("info");
    expect(createLogger({ service: "s", level: "debug", env: { LOG_LEVEL: "warn" } }).level).toBe("debug");
  });

  it("refuses an unknown LOG_LEVEL, naming the variable", () => {
    expect(() => createLogger({ service: "s", env: { LOG_LEVEL: "loud" } })).toThrow(ConfigError);
    expect(() => createLogger({ service: "s", env: { LOG_LEVEL: "loud" } })).toThrow(
      /LOG_LEVEL: must be one of/,
    );
  });

  it("names live objects hung on an error instead of dumping them, and keeps its plain data", () => {
    class Client {
      socket = { buffer: "x".repeat(10_000) };
    }
    const { log, lines } = captureLogs();
    const err = Object.assign(new Error("connection terminated"), {
      client: new Client(),
      code: "57P01",
      detail: { table: "sessions" },
    });
    log.warn({ err }, "a connection was lost");
    expect(lines()[0]?.err).toMatchObject({
      message: "connection terminated",
      client: "[Client]",
      code: "57P01",
      detail: { table: "sessions" },
    });
  });

  it("redacts secrets at the top level and one level down", () => {
    const { log, text, lines } = captureLogs();
    log.info(
      {
        password: "hunter2",
        config: {
          KAFKA_CLIENT_CERT_KEY: pem,
          DATABASE_URL: "postgres://u:s3cret@db/x",
          KAFKA_URL: "kafka://b:9092",
        },
        ssl: { key: pem, cert: pem, ca: "public ca" },
        env: { KAFKA_CLIENT_CERT_KEY: pem },
      },
      "config loaded",
    );
    expect(text()).not.toContain("hunter2");
    expect(text()).not.toContain("PRIVATE KEY");
    expect(text()).not.toContain("s3cret");
    const line = lines()[0] as Record<string, Record<string, string>>;
    expect(line.config?.KAFKA_URL).toBe("kafka://b:9092");
    expect(line.ssl?.key).toBe("[Redacted]");
    expect(line.ssl?.ca).toBe("public ca");
  });

  it("redacts authorization and cookie headers of logged requests", () => {
    const { log, text } = captureLogs();
    log.info(
      { req: { method: "GET", headers: { authorization: "Bearer abc.def", cookie: "sid=xyz" } } },
      "request",
    );
    log.info({ headers: { authorization: "Basic dXNlcjpwYXNz" } }, "outgoing");
    expect(text()).not.toMatch(/abc\.def|sid=xyz|dXNlcjpwYXNz/);
    expect(text()).toContain('"method":"GET"');
  });

  it("removes passwords of connection strings from error messages, stacks and log messages", () => {
    const { log, text, lines } = captureLogs();
    const err = new Error("connect failed for postgres://edm:pa55word@db.example.com:5432/edm");
    log.error({ err }, `could not reach postgresql://edm:pa55word@db.example.com/edm`);
    expect(text()).not.toContain("pa55word");
    const line = lines()[0] as { err: { message: string; type: string }; msg: string };
    expect(line.err.message).toBe("connect failed for postgres://edm:[Redacted]@db.example.com:5432/edm");
    expect(line.err.type).toBe("Error");
    expect(line.msg).toBe("could not reach postgresql://edm:[Redacted]@db.example.com/edm");
  });
});
