import type { z } from "zod";
import { ConfigError, type ConfigProblem } from "./config-error";

type Env = Record<string, string | undefined>;

/**
 * Parses the environment with one zod schema, once, at startup. Every bad variable is reported at once,
 * by name, in plain words; values are never echoed because many of them are secrets.
 * An empty value counts as unset, so `FOO=` in a .env file falls back to the default like a missing FOO.
 */
export function loadEnv<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const present = withoutEmptyValues(env);
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, present)));
}

function withoutEmptyValues(env: Env): Env {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
}

function describeIssue(issue: z.core.$ZodIssue, env: Env): ConfigProblem {
  const variable = issue.path.map(String).join(".") || "(environment)";
  return { variable, problem: problemInWords(issue, env[variable] !== undefined) };
}

// zod's own English messages carry no input values, but read like "Invalid input: expected number,
// received NaN". They start with "Invalid" or "Too"; a schema author's custom message (which we keep
// as written) does not.
const zodDefaultMessage = /^(Invalid|Too (small|big))\b/;

function problemInWords(issue: z.core.$ZodIssue, isSet: boolean): string {
  if (issue.code === "invalid_type" && !isSet) return "is required but not set";
  if (!zodDefaultMessage.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `must be a valid ${issue.expected}`;
    case "too_small":
      return issue.origin === "string"
        ? `must be at least ${issue.minimum} characters long`
        : `must be ${issue.inclusive === false ? "greater than" : "at least"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string"
        ? `must be at most ${issue.maximum} characters long`
        : `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return issue.format === "regex" ? "has the wrong format" : `must be a valid ${issue.format}`;
    default:
      return "is not valid";
  }
}
