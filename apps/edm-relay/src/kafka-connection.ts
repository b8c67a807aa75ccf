import { type KafkaProducer, withTimeout } from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import type { Batcher } from "./batcher";
import { RelayUnavailableError } from "./unavailable-error";

// Heroku kills a web dyno that has not bound PORT within 60 s (error R10), and a broker that is away for a
// minute must not turn into a crash loop. So the relay binds PORT first and connects its producer here, in
// the background, again and again until Kafka answers: meanwhile /readyz says 503 and event requests get
// 503 with Retry-After, and the relay becomes ready by itself once connected.

export interface KafkaConnection {
  /** True once the producer has connected (and until the relay stops). */
  isConnected(): boolean;
  /** Resolves when connected, or when stop() gave up trying. */
  settled: Promise<void>;
  /** Stops trying (waiting at most `stopWaitMs` for an attempt in flight), then disconnects the producer. */
  stop(): Promise<void>;
}

export interface ConnectOptions {
  producer: Pick<KafkaProducer, "connect" | "disconnect">;
  log: Logger;
  /** Pause after the n-th failed attempt (1-based); default doubles from 1 s up to 30 s. */
  retryDelayMs?: (attempt: number) => number;
  /** How long stop() waits for a connection attempt in flight before disconnecting anyway. */
  stopWaitMs?: number;
}

export const MAX_RETRY_DELAY_MS = 30_000;

export function defaultRetryDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

export function connectInBackground(options: ConnectOptions): KafkaConnection {
  const { producer, log, retryDelayMs = defaultRetryDelayMs, stopWaitMs = 5_000 } = options;
  let connected = false;
  let stopped = false;
  let wakeUp: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const keepTrying = async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await producer.connect();
        if (stopped) return;
        connected = true;
        log.info({ event: "relay.kafka.connected", attempt }, "connected to Kafka; the relay takes events");
        return;
      } catch (error) {
        if (stopped) return;
        // A failed connect leaves kafkajs half-open; starting over from a disconnected producer is clean.
        await producer.disconnect();
        const retryInMs = retryDelayMs(attempt);
        log.warn(
          { event: "relay.kafka.unreachable", err: error, attempt, retryInMs },
          `Kafka did not answer (attempt ${attempt}); the relay answers 503 until it does and tries again in ${retryInMs} ms`,
        );
        await pause(retryInMs);
      }
    }
  };
  const settled = keepTrying();

  return {
    isConnected: () => connected,
    settled,
    async stop() {
      stopped = true;
      wakeUp?.();
      // An attempt in flight may be inside kafkajs's own retries; the shutdown does not wait them out.
      await withTimeout(settled, stopWaitMs, "The Kafka connection attempt in flight").catch(() => {});
      connected = false;
      await producer.disconnect();
    },
  };
}

/** The batcher, refusing events at once (503, Retry-After) until the producer has connected. */
export function onceConnected(batcher: Batcher, connection: Pick<KafkaConnection, "isConnected">): Batcher {
  return {
    ...batcher,
    submit: (items) =>
      connection.isConnected()
        ? batcher.submit(items)
        : Promise.reject(
            new RelayUnavailableError("connecting", "the relay has not reached Kafka yet; no event was sent"),
          ),
  };
}
