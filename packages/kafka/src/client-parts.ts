import type { Kafka, RetryOptions } from "kafkajs";
import type { KafkaLogger } from "./logger-bridge";
import type { Prefixer } from "./prefix";

/** How hard to retry a failing broker call before giving up (kafkajs backs off exponentially). */
export interface RetryPolicy {
  retries: number;
  initialRetryTimeMs: number;
  maxRetryTimeMs: number;
}

/** What producer, consumer and admin share; internal to this package. */
export interface ClientParts {
  kafka: Kafka;
  /** "host:port" of the bootstrap brokers, for error messages. */
  brokers: string[];
  prefixer: Prefixer;
  log: KafkaLogger;
  retry: RetryOptions;
  disconnectTimeoutMs: number;
}

/**
 * All fields are given on purpose: kafkajs silently switches to much shorter retry defaults when
 * NODE_ENV=test, which would make tests behave unlike production.
 */
export function toKafkajsRetry(policy: RetryPolicy): RetryOptions {
  return {
    retries: policy.retries,
    initialRetryTime: policy.initialRetryTimeMs,
    maxRetryTime: policy.maxRetryTimeMs,
    multiplier: 2,
    factor: 0.2,
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
