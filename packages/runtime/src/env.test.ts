import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "./config-error";
import { loadEnv } from "./env";
import { booleanFlag, csvList, durationMs, port, urlWithProtocol } from "./env-fields";

const schema = z.object({
  PORT: port(3000),
  DATABASE_URL: urlWithProtocol("postgres", "postgresql"),
  API_TOKEN: z.string().min(32),
  MODE: z.enum(["relay", "replay"]).default("relay"),
  ALLOWED_ORIGINS: csvList([]),
  DEBUG_EVENTS: booleanFlag(),
  STOP_TIMEOUT: durationMs(25_000),
});

function errorFrom(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadEnv", () => {
  it("parses a valid environment with defaults", () => {
    const config = loadEnv(schema, {
      DATABASE_URL: "postgres://u:p@h/db",
      API_TOKEN: "t".repeat(32),
      ALLOWED_ORIGINS: " https://a.example , https://b.example,",
      DEBUG_EVENTS: "yes",
      UNRELATED: "ignored",
    });
    expect(config).toEqual({
      PORT: 3000,
      DATABASE_URL: "postgres://u:p@h/db",
      API_TOKEN: "t".repeat(32),
      MODE: "relay",
      ALLOWED_ORIGINS: ["https://a.example", "https://b.example"],
      DEBUG_EVENTS: true,
      STOP_TIMEOUT: 25_000,
    });
  });

  it("lists every bad variable by name, in words, without echoing any value", () => {
    const secrets = {
      PORT: "80a80",
      DATABASE_URL: "mysql://root:TopSecretPassword@db/x",
      API_TOKEN: "short-secret-token",
      MODE: "sideways-secret",
      DEBUG_EVENTS: "maybe-secret",
      STOP_TIMEOUT: "soon-secret",
    };
    const error = errorFrom(() => loadEnv(schema, secrets));
    expect(error.problems).toEqual([
      { variable: "PORT", problem: "must be a whole number from 0 to 65535" },
      { variable: "DATABASE_URL", problem: "must be a URL starting with postgres:// or postgresql://" },
      { variable: "API_TOKEN", problem: "must be at least 32 characters long" },
      { variable: "MODE", problem: "must be one of: relay, replay" },
      { variable: "DEBUG_EVENTS", problem: "must be one of true, false, 1, 0, yes, no, on, off" },
      {
        variable: "STOP_TIMEOUT",
        problem: "must be a duration such as 500ms, 30s, 5m, 1h or a plain number of milliseconds",
      },
    ]);
    const everything = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
    for (const value of Object.values(secrets)) expect(everything).not.toContain(value);
    expect(everything).not.toContain("TopSecretPassword");
    expect(error.message).toMatch(/^Invalid configuration \(6 problems\):\n {2}- PORT: /);
  });

  it("says a required variable is not set, and treats an empty value as not set", () => {
    const error = errorFrom(() => loadEnv(schema, { DATABASE_URL: "", API_TOKEN: "   " }));
    expect(error.problems).toEqual([
      { variable: "DATABASE_URL", problem: "is required but not set" },
      { variable: "API_TOKEN", problem: "is required but not set" },
    ]);
  });

  it("keeps a schema author's own message and words zod's defaults plainly", () => {
    const custom = z.object({
      SECRET: z.string().min(8, "must be at least 8 characters (generate one with openssl rand -hex 16)"),
      WORKERS: z.coerce.number().int().min(1),
      HOST: z.url(),
    });
    const error = errorFrom(() => loadEnv(custom, { SECRET: "abc", WORKERS: "lots", HOST: "not a url" }));
    expect(error.problems).toEqual([
      {
        variable: "SECRET",
        problem: "must be at least 8 characters (generate one with openssl rand -hex 16)",
      },
      { variable: "WORKERS", problem: "must be a valid number" },
      { variable: "HOST", problem: "must be a valid url" },
    ]);
  });
});

describe("env fields", () => {
  const parse = <T>(schema: z.ZodType<T>, value: string | undefined) =>
    loadEnv(z.object({ X: schema }), { X: value }).X;

  it("port accepts 0 to 65535 and uses its default when unset", () => {
    expect(parse(port(8080), undefined)).toBe(8080);
    expect(parse(port(8080), "0")).toBe(0);
    expect(parse(port(), " 65535 ")).toBe(65535);
    expect(() => parse(port(), "65536")).toThrow(/X: must be a whole number/);
    expect(() => parse(port(), "1.5")).toThrow(/X: must be a whole number/);
    expect(() => parse(port(), undefined)).toThrow(/X: is required but not set/);
  });

  it("csvList needs at least one item when it has no default", () => {
    expect(parse(csvList(), "a,b , c")).toEqual(["a", "b", "c"]);
    expect(parse(csvList(["*"]), undefined)).toEqual(["*"]);
    expect(() => parse(csvList(), ", ,")).toThrow(/X: must list at least one value/);
  });

  it("booleanFlag reads the usual spellings", () => {
    for (const yes of ["1", "true", "TRUE", "yes", "on"]) expect(parse(booleanFlag(), yes)).toBe(true);
    for (const no of ["0", "false", "No", "off"]) expect(parse(booleanFlag(true), no)).toBe(false);
    expect(parse(booleanFlag(true), undefined)).toBe(true);
  });

  it("durationMs reads plain milliseconds and ms, s, m, h units", () => {
    expect(parse(durationMs(), "1500")).toBe(1500);
    expect(parse(durationMs(), "500ms")).toBe(500);
    expect(parse(durationMs(), "2.5s")).toBe(2500);
    expect(parse(durationMs(), "5m")).toBe(300_000);
    expect(parse(durationMs(), "1h")).toBe(3_600_000);
    expect(() => parse(durationMs(), "-1s")).toThrow(/X: must be a duration/);
  });
});
