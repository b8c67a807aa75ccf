import { describe, expect, it } from "vitest";
import { ORIGINAL_CLICK_EXAMPLE, ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import type { FieldError } from "./field-errors";
import { parseEvent } from "./parse";
import { codePointName, textProblem } from "./text";

const now = Date.UTC(2018, 10, 10);

function errorsOf(input: unknown): FieldError[] {
  const result = parseEvent(input, { now });
  if (result.ok) throw new Error("expected the event to be refused");
  return result.errors;
}

const click = (properties: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) => ({
  ...ORIGINAL_CLICK_EXAMPLE,
  ...envelope,
  properties: { ...ORIGINAL_CLICK_EXAMPLE.properties, ...properties },
});
const pageload = (properties: Record<string, unknown>) => ({
  ...ORIGINAL_PAGELOAD_EXAMPLE,
  properties: { ...ORIGINAL_PAGELOAD_EXAMPLE.properties, ...properties },
});

describe("textProblem", () => {
  it("accepts ordinary text of every script, emoji sequences included", () => {
    for (const text of ["the-camper's-kit", "Café crème", "قهوة", "咖啡", "👩‍🚀", "🇫🇷", ""]) {
      expect(textProblem(text, "identifier")).toBeUndefined();
      expect(textProblem(text, "free")).toBeUndefined();
    }
  });

  it("refuses U+0000 everywhere, naming the character and its position", () => {
    expect(textProblem("a\u0000b", "identifier")).toBe(
      "must not contain control characters (found U+0000 at position 1)",
    );
    expect(textProblem("a\u0000b", "free")).toBe(
      "must not contain control characters other than tab, line feed and carriage return (found U+0000 at position 1)",
    );
  });

  it("refuses unpaired surrogates everywhere, but not a pair", () => {
    for (const kind of ["identifier", "free"] as const) {
      expect(textProblem("ab\uD800", kind)).toMatch(/surrogate pair .* \(found U\+D800 at position 2\)$/);
      expect(textProblem("\uDC00x", kind)).toMatch(/found U\+DC00 at position 0/);
      expect(textProblem("\uDC00\uD800", kind)).toMatch(/found U\+DC00/);
      expect(textProblem("\uD83D\uDE00", kind)).toBeUndefined();
    }
  });

  it("refuses noncharacters everywhere", () => {
    for (const kind of ["identifier", "free"] as const) {
      expect(textProblem("x\uFFFE", kind)).toBe(
        "must not contain Unicode noncharacters (found U+FFFE at position 1)",
      );
      expect(textProblem("\uFDD0", kind)).toMatch(/U\+FDD0/);
      expect(textProblem("\u{10FFFF}", kind)).toMatch(/U\+10FFFF/);
    }
  });

  it("lets free text hold tab, line feed and carriage return, but no other control character", () => {
    expect(textProblem("line one\r\n\tline two", "free")).toBeUndefined();
    expect(textProblem("ring \u0007", "free")).toMatch(/found U\+0007 at position 5/);
    expect(textProblem("\u001b[31mred", "free")).toMatch(/found U\+001B/);
    expect(textProblem("del\u007f", "free")).toMatch(/found U\+007F/);
    expect(textProblem("c1\u0085", "free")).toMatch(/found U\+0085/);
  });

  it("refuses every control character in identifiers, line breaks included", () => {
    for (const control of ["\t", "\n", "\r", "\u007f", "\u009b"]) {
      expect(textProblem(`id${control}`, "identifier")).toMatch(/^must not contain control characters/);
    }
    expect(textProblem("a\u2028b", "identifier")).toMatch(/^must not contain line or paragraph separators/);
  });

  it("refuses bidirectional controls in identifiers (Trojan Source), not in free text", () => {
    const controls = [
      "\u202A",
      "\u202B",
      "\u202C",
      "\u202D",
      "\u202E",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
    ];
    for (const control of [...controls, "\u200E", "\u200F", "\u061C"]) {
      expect(textProblem(`add${control}-to-cart`, "identifier")).toBe(
        `must not contain bidirectional text controls, which make text show in another order than it is stored (found ${codePointName(control.codePointAt(0) ?? 0)} at position 3)`,
      );
      expect(textProblem(`add${control}-to-cart`, "free")).toBeUndefined();
    }
  });

  it("names code points the way Unicode does", () => {
    expect(codePointName(0)).toBe("U+0000");
    expect(codePointName(0x1fffe)).toBe("U+1FFFE");
  });
});

describe("parseEvent refuses text that cannot be stored or shown faithfully, naming the field", () => {
  it.each([
    ["uuid", click({}, { uuid: "a\u0000b" })],
    ["properties.button_id", click({ button_id: "a\u0000b" })],
    ["properties.description", click({ description: "a\u0000b" })],
    ["properties.user_agent", pageload({ user_agent: "a\u0000b" })],
    ["properties.url", pageload({ url: "https://shop.example/a\u0000b" })],
    ["properties.campaign", click({ campaign: "a\u0000b" })],
  ])("a NUL in %s", (path, event) => {
    const errors = errorsOf(event);
    expect(errors).toEqual([{ path, message: expect.stringMatching(/control characters .*found U\+0000/) }]);
  });

  it("gives the message in plain words", () => {
    expect(errorsOf(click({ button_id: "a\u0000b" }))).toEqual([
      {
        path: "properties.button_id",
        message: "must not contain control characters (found U+0000 at position 1)",
      },
    ]);
  });

  it("a lone surrogate in any field", () => {
    expect(errorsOf(click({}, { uuid: "\uD800" }))).toEqual([
      { path: "uuid", message: expect.stringMatching(/found U\+D800/) },
    ]);
    expect(errorsOf(pageload({ description: "x\uDFFF" }))).toEqual([
      { path: "properties.description", message: expect.stringMatching(/found U\+DFFF/) },
    ]);
  });

  it("a bad character in an extra property's name, which the error path shows escaped", () => {
    const errors = errorsOf(click({ "a\u0000b": "x" }));
    expect(errors).toEqual([
      {
        path: 'properties["a\\u0000b"]',
        message: "property name must not contain control characters (found U+0000 at position 1)",
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain("\u0000");
  });

  it("a bidirectional override in a button id, but not in its description", () => {
    expect(errorsOf(click({ button_id: "buy\u202Eyug" }))[0]?.path).toBe("properties.button_id");
    expect(parseEvent(click({ description: "שלום \u202Bworld" }), { now }).ok).toBe(true);
  });

  it("one error for an oversized string with a bad character: its length", () => {
    const errors = errorsOf(click({ description: `\u0000${"x".repeat(300)}` }));
    expect(errors).toEqual([{ path: "properties.description", message: expect.stringMatching(/at most/) }]);
  });
});
