import { describe, expect, it } from "vitest";
import { parseLimit } from "./list-limit";

const limits = { fallback: 100, max: 1_000 };
const refusal = { ok: false, errors: [{ path: "limit", message: "must be a whole number from 1 to 1000" }] };

describe("parseLimit", () => {
  it("gives the default when no limit is asked for, ignoring other parameters", () => {
    expect(parseLimit({}, limits)).toEqual({ ok: true, limit: 100 });
    expect(parseLimit({ _: "1700000000" }, limits)).toEqual({ ok: true, limit: 100 });
    expect(parseLimit(undefined, limits)).toEqual({ ok: true, limit: 100 });
  });

  it("accepts a whole number from 1 to the maximum", () => {
    expect(parseLimit({ limit: "1" }, limits)).toEqual({ ok: true, limit: 1 });
    expect(parseLimit({ limit: "1000" }, limits)).toEqual({ ok: true, limit: 1000 });
  });

  it.each([["0"], ["1001"], ["-5"], ["2.5"], ["1e2"], ["ten"], [""], ["99999999999999"]])(
    "refuses limit=%s, saying what is accepted",
    (limit) => {
      expect(parseLimit({ limit }, limits)).toEqual(refusal);
    },
  );

  it("refuses a repeated limit", () => {
    expect(parseLimit({ limit: ["10", "20"] }, limits)).toEqual(refusal);
  });
});
