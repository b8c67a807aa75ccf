import { Writable } from "node:stream";
import { createLogger, type Logger } from "./logger";

export interface CapturedLogs {
  log: Logger;
  /** Every line written so far, parsed from JSON. */
  lines: () => Record<string, unknown>[];
  /** The raw text, to prove a secret appears nowhere in it. */
  text: () => string;
}

/** A logger that writes JSON lines into memory, for tests that assert on what was logged. */
export function captureLogs(options: { service?: string; level?: string } = {}): CapturedLogs {
  let text = "";
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = createLogger({
    service: options.service ?? "test",
    level: options.level ?? "trace",
    env: {},
    destination,
  });
  return {
    log,
    lines: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => text,
  };
}
