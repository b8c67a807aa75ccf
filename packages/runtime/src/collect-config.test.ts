import { describe, expect, it } from "vitest";
import { z } from "zod";
import { collectConfig } from "./collect-config";
import { ConfigError } from "./config-error";
import { loadEnv } from "./env";
import { port } from "./env-fields";

class SentenceError extends Error {
  constructor(readonly problems: string[]) {
    super("invalid");
  }
}

const schema = z.object({ PORT: port() });

describe("collectConfig", () => {
  it("returns what every loader loaded", () => {
    const config = collectConfig({ env: () => loadEnv(schema, { PORT: "8080" }), answer: () => 42 });
    expect(config).toEqual({ env: { PORT: 8080 }, answer: 42 });
  });

  it("reports the problems of every failing loader together", () => {
    const failing = () =>
      collectConfig({
        env: () => loadEnv(schema, {}),
        kafka: () => {
          throw new SentenceError([
            "KAFKA_CLIENT_CERT_KEY is missing: required when KAFKA_URL uses kafka+ssl://",
          ]);
        },
      });
    expect(failing).toThrow(ConfigError);
    try {
      failing();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
        "PORT",
        "KAFKA_CLIENT_CERT_KEY",
      ]);
    }
  });

  it("rethrows an error that is not about configuration", () => {
    expect(() =>
      collectConfig({
        broken: () => {
          throw new TypeError("a bug");
        },
      }),
    ).toThrow(TypeError);
  });
});
