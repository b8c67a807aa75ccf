import { z } from "zod";

// What text the contract accepts, decided once for every field. Events end up in PostgreSQL (text columns
// refuse the byte 0x00 and invalid UTF-8, and one refused row fails a consumer's whole batch), in JSON sent
// to browsers, in logs, and on dashboards people trust. So text must be stored and shown faithfully:
//
// - Everywhere: no unpaired surrogate (half of a UTF-16 pair: UTF-8 cannot encode it, so it would be
//   silently replaced on the way to Kafka) and no Unicode noncharacter (U+FDD0-U+FDEF, U+xFFFE/U+xFFFF:
//   reserved for programs' internal use, never typed by a person, U+FFFE is a byte-order mix-up).
// - Free text (description, user_agent, values of extra properties): no control character but tab, line
//   feed and carriage return. That refuses U+0000 (which PostgreSQL cannot store) and the C0/C1 controls
//   (escape sequences, backspace, bell) that rewrite terminals and log viewers. Bidirectional controls stay
//   allowed: right-to-left prose legitimately uses them.
// - Identifiers (uuid, button_id, url, property names): no control character at all (a line break in an
//   id forges log lines), no line or paragraph separator (U+2028/U+2029), and no bidirectional control
//   (U+061C, U+200E/U+200F, U+202A-U+202E, U+2066-U+2069): identifiers are counted and shown as keys, and
//   a reordering control makes a dashboard show one id while storing another ("Trojan Source",
//   CVE-2021-42574). Other invisible characters (zero-width joiner) stay: emoji sequences need them.
//
// Positions in messages count UTF-16 code units from 0, as JavaScript's indexOf does, so a client can find
// the character with `text.indexOf(...)` or `text[position]`.

export type TextKind = "identifier" | "free";

const SURROGATE = /\p{Cs}/u;
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
const BIDI_CONTROL = /\p{Bidi_Control}/u;
const LINE_SEPARATOR = /[\u2028\u2029]/u;

/** One pass finds the first refused character; the kind of that character then picks the message. */
const REFUSED: Record<TextKind, RegExp> = {
  free: /(?![\t\n\r])\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}/u,
  identifier: /\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}|\p{Bidi_Control}|[\u2028\u2029]/u,
};

/** "U+0000", "U+1FFFE": how Unicode names a code point. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function describeRefused(character: string, kind: TextKind): string {
  if (SURROGATE.test(character)) {
    return "must be valid Unicode text, but holds half of a surrogate pair that UTF-8 cannot encode";
  }
  if (NONCHARACTER.test(character)) return "must not contain Unicode noncharacters";
  if (BIDI_CONTROL.test(character)) {
    return "must not contain bidirectional text controls, which make text show in another order than it is stored";
  }
  if (LINE_SEPARATOR.test(character)) return "must not contain line or paragraph separators";
  return kind === "free"
    ? "must not contain control characters other than tab, line feed and carriage return"
    : "must not contain control characters";
}

/**
 * Why `text` cannot be accepted as text of this kind, in plain words ending with the first offending
 * character and where it is, e.g. "must not contain control characters (found U+0000 at position 1)";
 * undefined when it can. Never quotes the text itself.
 */
export function textProblem(text: string, kind: TextKind): string | undefined {
  const found = REFUSED[kind].exec(text);
  if (!found) return undefined;
  const character = found[0];
  const codePoint = character.codePointAt(0) ?? 0;
  return `${describeRefused(character, kind)} (found ${codePointName(codePoint)} at position ${found.index})`;
}

/**
 * A zod string of this kind, with an optional maximum length. The length is checked first and the
 * characters only within it, so an oversized string gets one error ("too long") and costs no scan.
 */
export function text(kind: TextKind, max?: number, params?: Parameters<typeof z.string>[0]) {
  const base = max === undefined ? z.string(params) : z.string(params).max(max);
  return base.superRefine((value, ctx) => {
    if (max !== undefined && value.length > max) return;
    const problem = textProblem(value, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
