/** Why events could not be handed to Kafka; every reason means "try again later" to the client (503). */
export type UnavailableReason = "connecting" | "queue-full" | "timed-out" | "send-failed" | "closed";

/**
 * The events of a request were not acknowledged by Kafka. With "timed-out" and "send-failed" some of
 * them may still have been written, which is why clients retry with the same event ids.
 */
export class RelayUnavailableError extends Error {
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RelayUnavailableError";
    this.reason = reason;
  }
}
