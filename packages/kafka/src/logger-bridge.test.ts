import { logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { type KafkaLogger, kafkajsLogCreator } from "./logger-bridge";

function captureLog() {
  const lines: { method: string; fields: Record<string, unknown>; message: string }[] = [];
  const record = (method: string) => (fields: object, message: string) => {
    lines.push({ method, fields: fields as Record<string, unknown>, message });
  };
  const log: KafkaLogger = {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
  return { log, lines };
}

const entry = (level: number, extra: Record<string, unknown> = {}) => ({
  namespace: "Connection",
  level,
  label: "X",
  log: { timestamp: "2024-01-01T00:00:00.000Z", logger: "kafkajs", message: "Connection error", ...extra },
});

describe("kafkajsLogCreator", () => {
  it("maps kafkajs levels to ours, softening kafkajs errors (often retried) to warnings", () => {
    const { log, lines } = captureLog();
    const write = kafkajsLogCreator(log)(logLevel.INFO);
    for (const level of [logLevel.ERROR, logLevel.WARN, logLevel.INFO, logLevel.DEBUG]) write(entry(level));
    expect(lines.map((line) => line.method)).toEqual(["warn", "warn", "info", "debug"]);
  });

  it("writes structured fields under `kafkajs` and a readable message", () => {
    const { log, lines } = captureLog();
    kafkajsLogCreator(log)(logLevel.INFO)(
      entry(logLevel.ERROR, { broker: "b:9096", retryCount: 2, error: "ECONNREFUSED" }),
    );
    expect(lines[0]).toEqual({
      method: "warn",
      fields: {
        kafkajs: { namespace: "Connection", broker: "b:9096", retryCount: 2, error: "ECONNREFUSED" },
      },
      message: "kafkajs Connection: Connection error",
    });
  });

  it("hands Error objects over as `err`, the key pino serialises", () => {
    const { log, lines } = captureLog();
    const error = new Error("boom");
    kafkajsLogCreator(log)(logLevel.INFO)(entry(logLevel.WARN, { error }));
    expect(lines[0]?.fields).toEqual({ kafkajs: { namespace: "Connection" }, err: error });
  });
});
