import { createRequire } from "node:module";
import { hostname } from "node:os";
import pino from "pino";
import { ConfigError } from "./config-error";
import { censor, redactedPaths, scrubUrlCredentials } from "./redaction";

export type Logger = pino.Logger;

export interface LoggerOptions {
  service: string;
  /** Overrides LOG_LEVEL. */
  level?: string;
  env?: Record<string, string | undefined>;
  /** Where JSON lines go; stdout by default. Tests pass a capturing stream. */
  destination?: pino.DestinationStream;
}

const levels = Object.keys(pino.levels.values);

/**
 * One logger per service, `service` bound on every line. JSON lines unless LOG_PRETTY=1 and pino-pretty
 * can be loaded (it is a developer convenience, never installed on Heroku).
 */
export function createLogger(options: LoggerOptions): Logger {
  const env = options.env ?? process.env;
  const level = options.level ?? (env.LOG_LEVEL?.trim() || "info");
  if (!levels.includes(level)) {
    throw new ConfigError([{ variable: "LOG_LEVEL", problem: `must be one of ${levels.join(", ")}` }]);
  }

  const wantsPretty = ["1", "true"].includes(env.LOG_PRETTY?.toLowerCase() ?? "");
  const pretty = wantsPretty && !options.destination && canLoad("pino-pretty");

  const config: pino.LoggerOptions = {
    level,
    base: { service: options.service, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...redactedPaths], censor },
    serializers: { err: serializeError, error: serializeError },
    hooks: { logMethod: scrubMessage },
    ...(pretty ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l" } } } : {}),
  };

  const log = options.destination ? pino(config, options.destination) : pino(config);
  if (wantsPretty && !pretty && !options.destination) {
    log.warn("LOG_PRETTY is set but pino-pretty is not installed; logging JSON lines instead");
  }
  return log;
}

function serializeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (!serialized || typeof serialized !== "object") return serialized;
  const scrubbed: Record<string, unknown> = { ...(serialized as Record<string, unknown>) };
  for (const field of ["message", "stack"]) {
    const value = scrubbed[field];
    if (typeof value === "string") scrubbed[field] = scrubUrlCredentials(value);
  }
  // Libraries hang live objects on their errors (pg's pool puts the whole Client, socket included, on
  // `err.client`): a log line names them instead of dumping hundreds of lines of internals.
  for (const [field, value] of Object.entries(scrubbed)) {
    if (isLiveObject(value)) scrubbed[field] = `[${value.constructor.name}]`;
  }
  return scrubbed;
}

function isLiveObject(value: unknown): value is { constructor: { name: string } } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype !== null && prototype !== Object.prototype;
}

// Messages are often built from error text (`failed to start: ${err.message}`), so they get the same
// connection-string scrubbing as serialized errors.
function scrubMessage(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubUrlCredentials(arg) : arg));
  method.apply(this, scrubbed as Parameters<pino.LogFn>);
}

function canLoad(moduleName: string): boolean {
  try {
    createRequire(import.meta.url).resolve(moduleName);
    return true;
  } catch {
    return false;
  }
}
