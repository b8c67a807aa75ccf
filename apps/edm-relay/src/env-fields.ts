import { z } from "zod";

// Env fields the shared runtime does not have. Like its helpers, they explain a bad value without
// quoting it.

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
 * silently, so it is refused at start-up instead. "*" is refused: the relay names who may call it.
 */
export function corsOrigins<S extends z.ZodType<string[], string | undefined>>(list: S) {
  return list.superRefine((origins, ctx) => {
    origins.forEach((origin, index) => {
      const entry = `entry ${index + 1}`;
      if (origin === "*") {
        ctx.addIssue({ code: "custom", message: `${entry} is "*"; list the allowed origins instead` });
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
