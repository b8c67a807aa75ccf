import type { KafkaLogger } from "../logger-bridge";

export interface LogLine {
  level: keyof KafkaLogger;
  fields: Record<string, unknown>;
  message: string;
}

/**
 * A logger for tests that keeps every line so tests can assert on it, and echoes warnings and
 * errors to stderr when EDM_TEST_LOG=1 (handy when an integration test fails).
 */
export function captureLog(): KafkaLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const echo = process.env.EDM_TEST_LOG === "1";
  const write = (level: keyof KafkaLogger) => (fields: object, message: string) => {
    lines.push({ level, fields: fields as Record<string, unknown>, message });
    if (echo && (level === "warn" || level === "error")) console.error(`[${level}] ${message}`, fields);
  };
  return { lines, debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
