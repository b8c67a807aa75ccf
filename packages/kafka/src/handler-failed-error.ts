import kafkajs, { type KafkaJSErrorMetadata } from "kafkajs";

/**
 * Wraps whatever a batch handler threw before it goes back into kafkajs, for two reasons:
 * - kafkajs treats a thrown TypeError, RangeError, ReferenceError or SyntaxError as unrecoverable
 *   and kills the consumer for good, while any other error is retried; a bug in one handler should
 *   get the same retry-then-restart treatment as any other failure, not stop consumption silently.
 * - kafkajs logs non-kafkajs errors from handlers itself; the consumer has already logged this one
 *   with its context, so being a KafkaJSError keeps it from being logged twice.
 */
export class HandlerFailedError extends kafkajs.KafkaJSError {
  constructor(message: string, cause: unknown) {
    // kafkajs accepts `cause` at run time; its type declarations just omit it.
    const metadata = { retriable: true, cause: cause instanceof Error ? cause : new Error(String(cause)) };
    super(message, metadata as KafkaJSErrorMetadata);
    Object.defineProperty(this, "name", { value: "HandlerFailedError" });
  }
}
