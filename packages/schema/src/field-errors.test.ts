import { describe, expect, it } from "vitest";
import { capErrors, formatPath } from "./field-errors";
import { MAX_FIELD_ERRORS } from "./limits";

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["uuid"], "uuid"],
    [["properties", "button_id"], "properties.button_id"],
    [[3, "event_timestamp"], "[3].event_timestamp"],
    [[0, "properties", "ab-test"], "[0].properties.ab-test"],
    [["a.b"], '["a.b"]'],
    [["properties", "__proto__"], "properties.__proto__"],
  ])("%j -> %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });

  it("quotes and cuts short a huge key", () => {
    expect(formatPath(["k".repeat(5_000)]).length).toBeLessThan(60);
  });
});

describe("capErrors", () => {
  const errors = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `[${i}]`, message: "bad" }));

  it("leaves a short list alone", () => {
    expect(capErrors(errors(MAX_FIELD_ERRORS))).toHaveLength(MAX_FIELD_ERRORS);
  });

  it("cuts a long list and says so", () => {
    const capped = capErrors(errors(MAX_FIELD_ERRORS + 10));
    expect(capped).toHaveLength(MAX_FIELD_ERRORS);
    expect(capped.at(-1)?.message).toMatch(/more errors were found/);
  });
});
