import { z } from "zod";
import { MAX_EXTRA_PROPERTY_LENGTH, MAX_PROPERTIES, MAX_PROPERTY_NAME_LENGTH } from "./limits";
import { describeValue } from "./messages";
import { text, textProblem } from "./text";

// Policy for `properties`: the properties each topic names are required (the original clients always sent
// them, and consumers rely on them, e.g. stats counts by button_id). A few EXTRA short text properties are
// allowed, up to MAX_PROPERTIES keys in all, rather than rejecting them outright: `properties` is the
// analytics bag of the original design, meant to grow, and a client that adds one more attribute should not
// lose all its events at the relay. The envelope around it, by contrast, is strict (see event.ts).
// Extras are text only and bounded, so an event stays small and every consumer can show it as is.

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Names of properties the contract knows nothing about must be short identifiers (no "__proto__" games). */
function extraNameProblem(name: string): string | undefined {
  const characters = textProblem(name, "identifier");
  if (characters) return `property name ${characters}`;
  if (name.length > MAX_PROPERTY_NAME_LENGTH) {
    return `property name is too long: at most ${MAX_PROPERTY_NAME_LENGTH} characters (got ${name.length})`;
  }
  if (!PROPERTY_NAME.test(name)) {
    return "property name must start with a letter and hold only letters, digits, '_' and '-'";
  }
  return undefined;
}

const extraPropertyValue = text("free", MAX_EXTRA_PROPERTY_LENGTH, {
  error: (issue) =>
    issue.code === "invalid_type"
      ? `an extra property must be text, got ${describeValue(issue.input)}`
      : undefined,
});

/**
 * `properties` of one topic: `known` fields as given, plus bounded extra text properties.
 * The count and names are checked before any value is parsed, so a payload with thousands of keys
 * costs one pass over its keys and yields one error, not thousands.
 */
export function propertiesWith<Shape extends z.core.$ZodShape>(known: Shape) {
  const knownNames = new Set(Object.keys(known));
  const countAndNames = z.unknown().superRefine((value, ctx) => {
    if (!isPlainObject(value)) return; // the object schema below reports the wrong type
    const names = Object.keys(value);
    if (names.length > MAX_PROPERTIES) {
      ctx.addIssue({
        code: "custom",
        message: `has ${names.length} properties; at most ${MAX_PROPERTIES} are allowed`,
      });
      return;
    }
    for (const name of names) {
      if (knownNames.has(name)) continue;
      const problem = extraNameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
    }
  });
  const fields = z.object(known).catchall(extraPropertyValue);
  return countAndNames.pipe(fields);
}
