import { describe, expect, it } from "vitest";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import { MAX_EXTRA_PROPERTY_LENGTH, MAX_PROPERTIES, MAX_PROPERTY_NAME_LENGTH } from "./limits";
import { parseEvent } from "./parse";

const now = Date.UTC(2018, 10, 10);

function clickWith(extra: Record<string, unknown>) {
  return { ...ORIGINAL_CLICK_EXAMPLE, properties: { ...ORIGINAL_CLICK_EXAMPLE.properties, ...extra } };
}

function extras(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra_${i}`, "x"]));
}

describe("extra properties", () => {
  it("are kept when short text with a plain name", () => {
    const result = parseEvent(clickWith({ campaign: "fall-2018", "ab-test": "b" }), { now });
    expect(result.ok && result.event.properties).toEqual({
      button_id: "the-camper's-kit",
      description: "button click",
      campaign: "fall-2018",
      "ab-test": "b",
    });
  });

  it(`are allowed up to ${MAX_PROPERTIES} properties in all, known ones included`, () => {
    const known = Object.keys(ORIGINAL_CLICK_EXAMPLE.properties).length;
    expect(parseEvent(clickWith(extras(MAX_PROPERTIES - known)), { now }).ok).toBe(true);
    expect(parseEvent(clickWith(extras(MAX_PROPERTIES - known + 1)), { now })).toEqual({
      ok: false,
      errors: [
        {
          path: "properties",
          message: `has ${MAX_PROPERTIES + 1} properties; at most ${MAX_PROPERTIES} are allowed`,
        },
      ],
    });
  });

  it("count against the cap on pageloads too", () => {
    const event = {
      ...ORIGINAL_PAGELOAD_EXAMPLE,
      properties: { ...ORIGINAL_PAGELOAD_EXAMPLE.properties, ...extras(MAX_PROPERTIES) },
    };
    const result = parseEvent(event, { now });
    expect(!result.ok && result.errors[0]?.path).toBe("properties");
  });

  it("give one error for thousands of keys, not thousands", () => {
    const result = parseEvent(clickWith(extras(5_000)), { now });
    expect(!result.ok && result.errors).toHaveLength(1);
  });

  it(`hold at most ${MAX_EXTRA_PROPERTY_LENGTH} characters`, () => {
    expect(parseEvent(clickWith({ note: "a".repeat(MAX_EXTRA_PROPERTY_LENGTH) }), { now }).ok).toBe(true);
    expect(parseEvent(clickWith({ note: "a".repeat(MAX_EXTRA_PROPERTY_LENGTH + 1) }), { now })).toEqual({
      ok: false,
      errors: [
        {
          path: "properties.note",
          message: `must be at most ${MAX_EXTRA_PROPERTY_LENGTH} characters (got ${MAX_EXTRA_PROPERTY_LENGTH + 1})`,
        },
      ],
    });
  });

  it.each([
    ["a number", 3, "got a number"],
    ["an object", { nested: true }, "got an object"],
    ["a list", ["a"], "got a list"],
    ["null", null, "got null"],
  ])("must be text, not %s", (_, value, got) => {
    expect(parseEvent(clickWith({ note: value }), { now })).toEqual({
      ok: false,
      errors: [{ path: "properties.note", message: `an extra property must be text, ${got}` }],
    });
  });

  it(`need names of at most ${MAX_PROPERTY_NAME_LENGTH} characters`, () => {
    const ok = "n".repeat(MAX_PROPERTY_NAME_LENGTH);
    const long = "n".repeat(MAX_PROPERTY_NAME_LENGTH + 1);
    expect(parseEvent(clickWith({ [ok]: "x" }), { now }).ok).toBe(true);
    const result = parseEvent(clickWith({ [long]: "x" }), { now });
    expect(!result.ok && result.errors[0]?.message).toMatch(/property name is too long/);
  });

  it.each(["__proto__", "_private", "1st", "has space", "dotted.name", ""])("refuse the name %j", (name) => {
    // JSON.parse makes "__proto__" an own key, as a real request body would.
    const body = JSON.parse(
      JSON.stringify(clickWith({})).replace('"properties":{', `"properties":{${JSON.stringify(name)}:"x",`),
    );
    const result = parseEvent(body, { now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toMatch(/property name must start with a letter/);
  });
});
