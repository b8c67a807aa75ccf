import { z } from "zod";

// Reusable pieces for env schemas. Each takes the raw string and explains a bad value without quoting it.

const portProblem = "must be a whole number from 0 to 65535";

/** A TCP port such as PORT. Without a default the variable is required. */
export function port(defaultPort?: number) {
  const schema = z.string().transform((raw, ctx) => {
    const value = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || value > 65_535) {
      ctx.addIssue({ code: "custom", message: portProblem });
      return z.NEVER;
    }
    return value;
  });
  return defaultPort === undefined ? schema : schema.default(defaultPort);
}

/** A comma-separated list such as an allow-list of origins; blanks around items are ignored. */
export function csvList(defaultValue?: string[]) {
  const schema = z.string().transform((raw, ctx) => {
    const items = raw
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
    if (items.length === 0) {
      ctx.addIssue({ code: "custom", message: "must list at least one value, separated by commas" });
      return z.NEVER;
    }
    return items;
  });
  return defaultValue === undefined ? schema : schema.default(defaultValue);
}

const truthy = new Set(["1", "true", "yes", "on"]);
const falsy = new Set(["0", "false", "no", "off"]);

/** An on/off switch. `z.coerce.boolean()` would read "false" as true, hence this. */
export function booleanFlag(defaultValue = false) {
  return z
    .string()
    .transform((raw, ctx) => {
      const value = raw.trim().toLowerCase();
      if (truthy.has(value)) return true;
      if (falsy.has(value)) return false;
      ctx.addIssue({ code: "custom", message: "must be one of true, false, 1, 0, yes, no, on, off" });
      return z.NEVER;
    })
    .default(defaultValue);
}

const unitsInMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A duration in milliseconds, written as `1500`, `500ms`, `30s`, `5m` or `1h`. */
export function durationMs(defaultMs?: number) {
  const schema = z.string().transform((raw, ctx) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(raw.trim());
    if (!match) {
      ctx.addIssue({
        code: "custom",
        message: "must be a duration such as 500ms, 30s, 5m, 1h or a plain number of milliseconds",
      });
      return z.NEVER;
    }
    const unit = (match[2] ?? "ms").toLowerCase();
    return Math.round(Number(match[1]) * (unitsInMs[unit] ?? 1));
  });
  return defaultMs === undefined ? schema : schema.default(defaultMs);
}

/** A URL whose scheme is one of `protocols` (e.g. "postgres", "postgresql"), such as DATABASE_URL. */
export function urlWithProtocol(...protocols: string[]) {
  const expected = protocols.map((protocol) => `${protocol}://`).join(" or ");
  return z.string().refine(
    (raw) => {
      if (!URL.canParse(raw)) return false;
      return protocols.includes(new URL(raw).protocol.replace(/:$/, ""));
    },
    { message: `must be a URL starting with ${expected}` },
  );
}
