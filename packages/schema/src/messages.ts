import type { z } from "zod";

// Error messages go back to whoever sent the event (often a browser developer reading a 400) and into
// on-call logs, so they say what is wrong in plain words instead of zod's generic wording. Field-specific
// wording lives on the schemas themselves; this map covers what every field shares.
// Messages never echo a received string in full: it could be huge or hostile.

/** "a number", "text", "an array": what a person calls the JSON value that arrived. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return Number.isFinite(value) ? "a number" : "a non-finite number";
  if (typeof value === "boolean") return "true/false";
  if (typeof value === "object") return "an object";
  return typeof value;
}

const expectedInWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  object: "an object",
  array: "a list",
  boolean: "true or false",
};

/** Shows a received string safely: quoted, escaped, and cut short. */
export function quoteShort(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}...` : value;
  return JSON.stringify(cut);
}

function lengthOf(input: unknown): string {
  return typeof input === "string" || Array.isArray(input) ? ` (got ${input.length})` : "";
}

export const plainWordsErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${expectedInWords[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case "too_big":
      if (issue.origin === "string")
        return `must be at most ${issue.maximum} characters${lengthOf(issue.input)}`;
      if (issue.origin === "array") return `must hold at most ${issue.maximum} items${lengthOf(issue.input)}`;
      return `must be at most ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string") {
        return issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      }
      if (issue.origin === "array") return `must hold at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case "invalid_format":
      return `is not a valid ${issue.format}`;
    case "unrecognized_keys":
      return "is not an allowed field";
    default:
      return undefined;
  }
};
