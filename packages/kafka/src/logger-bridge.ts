import { type LogEntry, type logCreator, logLevel } from "kafkajs";

/** The part of a pino logger this package uses; a pino `Logger` satisfies it as is. */
export interface KafkaLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** Lets per-record debug lines be skipped without building them. */
  isLevelEnabled?(level: string): boolean;
}

type Method = "debug" | "info" | "warn" | "error";

/**
 * kafkajs logs every failed connection attempt and every consumer restart at ERROR, including the
 * ones it then recovers from. Paging someone for those would be noise, so they arrive as warnings;
 * this package logs the outcomes that matter (a consumer that crashed for good, a failed handler,
 * a failed send) at error itself.
 */
const METHOD_BY_LEVEL: Record<number, Method> = {
  [logLevel.ERROR]: "warn",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/** The level kafkajs filters at before anything reaches us; KAFKAJS_LOG_LEVEL=debug overrides it. */
export const KAFKAJS_LOG_LEVEL = logLevel.INFO;

/** Routes kafkajs's own log lines into `log`, structured, under the "kafkajs" key. */
export function kafkajsLogCreator(log: KafkaLogger): logCreator {
  return () => (entry: LogEntry) => {
    const method = METHOD_BY_LEVEL[entry.level] ?? "info";
    const {
      message,
      timestamp: _timestamp,
      logger: _logger,
      error,
      ...details
    } = entry.log as LogEntry["log"] & {
      error?: unknown;
    };
    const fields: Record<string, unknown> = { kafkajs: { namespace: entry.namespace, ...details } };
    if (error instanceof Error) fields.err = error;
    else if (error !== undefined) (fields.kafkajs as Record<string, unknown>).error = error;
    log[method](fields, `kafkajs ${entry.namespace}: ${message}`);
  };
}
