/**
 * The CLI's exit codes, documented in the README ("Operating it"). Scripts may rely on them, so each
 * means one thing and none is reused.
 */
export const EXIT = {
  ok: 0,
  /** Something failed on the way: Kafka or the relay could not be reached, or answered an error. */
  failed: 1,
  /** The command line is wrong: an unknown command or option, or a value out of bounds. */
  usage: 2,
  /** The environment is wrong: KAFKA_URL and friends, DATABASE_URL. */
  config: 3,
  /** Refused on purpose: the consumer group still has active members. */
  refused: 4,
  /** `load` ran, but some events were refused or never acknowledged. */
  incomplete: 5,
  /** Stopped by Ctrl-C before the end (`rebuild-stats`: the next run resumes it). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: its message is printed as it is, and the CLI exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT.failed, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}
