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

/** A whole number within bounds, e.g. RATE_LIMIT_PER_MINUTE. */
export function wholeNumber({ defaultValue, min, max }: { defaultValue: number; min: number; max?: number }) {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  return z
    .string()
    .transform((raw, ctx) => {
      const value = Number(raw.trim());
      if (!/^\d+$/.test(raw.trim()) || value < min || (max !== undefined && value > max)) {
        ctx.addIssue({ code: "custom", message: `must be a whole number ${range}` });
        return z.NEVER;
      }
      return value;
    })
    .default(defaultValue);
}

const bytesPerUnit: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2 };

/** A size in bytes, written as `262144`, `256kb` or `1mb` (KiB and MiB: 1kb = 1024 bytes). */
export function byteSize({ defaultBytes, min, max }: { defaultBytes: number; min: number; max: number }) {
  const problem = `must be a size from ${min} to ${max} bytes, such as 262144, 256kb or 1mb`;
  return z
    .string()
    .transform((raw, ctx) => {
      const match = /^(\d+)\s*(b|kb|kib|mb|mib)?$/i.exec(raw.trim());
      const bytes = match ? Number(match[1]) * (bytesPerUnit[(match[2] ?? "b").toLowerCase()] ?? 1) : NaN;
      if (!(bytes >= min && bytes <= max)) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return bytes;
    })
    .default(defaultBytes);
}

/**
 * Checks a list of browser origins. A browser sends `Origin: https://shop.example.com` exactly so: an
 * entry with a path, a trailing slash or other letter case would never match and CORS would fail
 * silently, so it is refused at start-up instead. "*" is refused: a service names who may call it.
 */
export function originList(defaultOrigins?: string[]) {
  return csvList(defaultOrigins).superRefine((origins, ctx) => {
    origins.forEach((origin, index) => {
      const entry = `entry ${index + 1}`;
      // The URL parser accepts "*" inside a host name (https://*.example.com); an allow-list must not.
      if (origin.includes("*")) {
        ctx.addIssue({ code: "custom", message: `${entry} holds "*"; list the allowed origins one by one` });
      } else if (!URL.canParse(origin) || !/^https?:$/.test(new URL(origin).protocol)) {
        ctx.addIssue({ code: "custom", message: `${entry} is not an http:// or https:// origin` });
      } else if (new URL(origin).origin !== origin) {
        ctx.addIssue({
          code: "custom",
          message: `${entry} must be an origin only, written as browsers send it: scheme, lower-case host and port if any, no path or trailing slash (e.g. https://shop.example.com)`,
        });
      }
    });
  });
}
