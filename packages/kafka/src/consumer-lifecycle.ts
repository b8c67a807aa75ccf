import type { Consumer } from "kafkajs";
import { errorMessage } from "./client-parts";
import type { KafkaLogger } from "./logger-bridge";
import { TimeoutError, withTimeout } from "./with-timeout";

export interface ConsumerCrash {
  error: Error;
  /** True when kafkajs will rejoin the group by itself; false means this consumer is finished. */
  restarting: boolean;
}

interface LifecycleDeps {
  consumer: Consumer;
  groupId: string;
  log: KafkaLogger;
  disconnectTimeoutMs: number;
  joinTimeoutMs: number;
}

type State = "idle" | "starting" | "running" | "stopping" | "stopped";

/**
 * Start, stop, membership and crash reporting of one kafkajs consumer, kept apart from record
 * handling. kafkajs's run() does not report a failed group join (it crashes in the background and may
 * retry), so start() waits for the first GROUP_JOIN event, a fatal crash, or its own deadline.
 */
export function createConsumerLifecycle({
  consumer,
  groupId,
  log,
  disconnectTimeoutMs,
  joinTimeoutMs,
}: LifecycleDeps) {
  let state: State = "idle";
  let member = false;
  let stopping: Promise<void> | undefined;
  let joinWaiter: { resolve(): void; reject(error: Error): void } | undefined;
  const abort = new AbortController();
  const listeners = new Set<(crash: ConsumerCrash) => void>();

  consumer.on(consumer.events.GROUP_JOIN, () => {
    member = true;
    joinWaiter?.resolve();
  });
  consumer.on(consumer.events.STOP, () => {
    member = false;
  });
  consumer.on(consumer.events.CRASH, ({ payload: { error, restart } }) => {
    member = false;
    if (state === "stopping" || state === "stopped") return;
    if (restart) {
      log.warn(
        { groupId, err: error },
        "Kafka consumer crashed; it will rejoin its group and uncommitted records will be delivered again",
      );
    } else {
      log.error(
        { groupId, err: error },
        "Kafka consumer crashed and will not restart: nothing is being consumed",
      );
      joinWaiter?.reject(error);
    }
    for (const listener of listeners) {
      try {
        listener({ error, restarting: restart });
      } catch (listenerError) {
        log.warn({ groupId, err: listenerError }, "A Kafka consumer crash listener threw");
      }
    }
  });

  const stop = (): Promise<void> => {
    if (state === "idle") state = "stopped";
    if (state === "stopped" && !stopping) return Promise.resolve();
    stopping ??= (async () => {
      state = "stopping";
      abort.abort();
      try {
        await withTimeout(
          consumer.disconnect(),
          disconnectTimeoutMs,
          `Stopping the Kafka consumer of group "${groupId}"`,
        );
        log.info({ groupId }, "Kafka consumer stopped");
      } catch (error) {
        const reason = error instanceof TimeoutError ? "gave up waiting" : "failed";
        log.warn(
          { groupId, err: error },
          `Kafka consumer stop ${reason}; uncommitted records will be delivered again`,
        );
      } finally {
        member = false;
        state = "stopped";
      }
    })();
    return stopping;
  };

  const start = async (begin: () => Promise<void>): Promise<void> => {
    if (state !== "idle") throw new Error(`The Kafka consumer of group "${groupId}" was already started`);
    state = "starting";
    const joined = new Promise<void>((resolve, reject) => {
      joinWaiter = { resolve, reject };
    });
    joined.catch(() => {});
    try {
      await consumer.connect();
      await begin();
      await withTimeout(joined, joinTimeoutMs, `Joining consumer group "${groupId}"`);
    } catch (error) {
      if (state === "starting") await stop();
      throw new Error(`The Kafka consumer of group "${groupId}" could not start: ${errorMessage(error)}`, {
        cause: error,
      });
    } finally {
      joinWaiter = undefined;
    }
    // stop() may have been called while starting; then there is nothing left to run.
    if (state === "starting") state = "running";
  };

  return {
    start,
    stop,
    isRunning: () => state === "running" && member,
    signal: () => abort.signal,
    onCrash(listener: (crash: ConsumerCrash) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
