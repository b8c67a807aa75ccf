import type { ProducerBatch, RecordMetadata } from "kafkajs";
import type { ClientParts } from "./client-parts";
import { JavaCompatiblePartitioner } from "./partitioner";
import { TimeoutError, withTimeout } from "./with-timeout";

/**
 * A kafkajs producer that is rebuilt when kafkajs's topic bookkeeping goes bad.
 *
 * kafkajs asks for metadata on every topic a producer has ever written to. Once one of them is
 * deleted, every later refresh fails with UNKNOWN_TOPIC_OR_PARTITION and the producer cannot write
 * to any topic until it is rebuilt (tulios/kafkajs#1146, #1622; still so in 2.2.4). So on that error
 * a fresh producer replaces it and the send is tried once more: a send then fails only when its own
 * topics are missing.
 */
export function createRenewableProducer(parts: ClientParts) {
  const build = () =>
    parts.kafka.producer({
      // Given explicitly, so kafkajs does not warn about its v2 default: the Java client's murmur2
      // partitioner (kafkajs's DefaultPartitioner, computed faster), so a key lands on the same partition
      // whichever client wrote it.
      createPartitioner: JavaCompatiblePartitioner,
      // A typo must fail, not create a topic with the broker's default settings.
      allowAutoTopicCreation: false,
      // See KafkaProducer: unsafe with overlapping sends in kafkajs.
      idempotent: false,
      retry: parts.retry,
    });

  let current = build();
  let connected = false;
  let renewing: Promise<void> | undefined;

  const renew = (): Promise<void> => {
    renewing ??= (async () => {
      const fresh = build();
      await fresh.connect();
      const stale = current;
      current = fresh;
      await withTimeout(
        stale.disconnect(),
        parts.disconnectTimeoutMs,
        "Disconnecting the replaced producer",
      ).catch(() => {});
    })().finally(() => {
      renewing = undefined;
    });
    return renewing;
  };

  return {
    async connect(): Promise<void> {
      await current.connect();
      connected = true;
    },

    async sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
      try {
        return await current.sendBatch(batch);
      } catch (error) {
        if (!connected || !isUnknownTopic(error)) throw error;
        parts.log.warn(
          { err: error, topics: batch.topicMessages?.map((entry) => entry.topic) },
          "Kafka producer rebuilt: a topic it wrote to before is gone and kafkajs would fail every later send; sending once more",
        );
        await renew();
        return await current.sendBatch(batch);
      }
    },

    /** Never throws: a shutdown must go on even if the client hangs. */
    async disconnect(): Promise<void> {
      connected = false;
      const leave = async () => {
        await renewing?.catch(() => {});
        await current.disconnect();
      };
      try {
        await withTimeout(leave(), parts.disconnectTimeoutMs, "Disconnecting the Kafka producer");
      } catch (error) {
        const reason = error instanceof TimeoutError ? "gave up waiting" : "failed";
        parts.log.warn({ err: error }, `Kafka producer disconnect ${reason}; continuing shutdown`);
      }
    },

    isConnected: () => connected,
  };
}

function isUnknownTopic(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if ((current as { type?: unknown }).type === "UNKNOWN_TOPIC_OR_PARTITION") return true;
    current = current.cause;
  }
  return false;
}
