import type { z } from "zod";
import { MAX_FIELD_ERRORS } from "./limits";
import { quoteShort } from "./messages";

/** One problem with a received event, e.g. { path: "[3].properties.button_id", message: "must not be empty" }. */
export interface FieldError {
  /** Where the problem is: dotted field names, `[n]` for a position in a batch; "" for the whole input. */
  path: string;
  /** What is wrong, in plain words, without echoing the received value in full. */
  message: string;
}

const PLAIN_NAME = /^[A-Za-z_$][\w$-]{0,63}$/;

/** ["properties", "button_id"] -> "properties.button_id"; [3, "uuid"] -> "[3].uuid"; odd names are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && PLAIN_NAME.test(segment))
      out += out === "" ? segment : `.${segment}`;
    else out += `[${quoteShort(String(segment))}]`;
  }
  return out;
}

export function fieldError(path: readonly PropertyKey[], message: string): FieldError {
  const where = formatPath(path);
  // A message about the whole input needs a subject, since there is no field name to read it after.
  return { path: where, message: where === "" ? `the event ${message}` : message };
}

/** Zod issues as FieldErrors under `prefix`; one error per unknown key so each names its field. */
export function toFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push(fieldError([...path, key], issue.message));
    } else {
      errors.push(fieldError(path, issue.message));
    }
  }
  return errors;
}

/** Keeps an error list bounded, saying so when some were left out. */
export function capErrors(errors: FieldError[]): FieldError[] {
  if (errors.length <= MAX_FIELD_ERRORS) return errors;
  const shown = errors.slice(0, MAX_FIELD_ERRORS - 1);
  shown.push({ path: "", message: `more errors were found; only the first ${shown.length} are reported` });
  return shown;
}
