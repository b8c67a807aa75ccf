import type { RecordMetadata } from "kafkajs";
import { type ClientParts, errorMessage } from "./client-parts";
import { type OutgoingRecord, toKafkajsMessages } from "./records";
import { createRenewableProducer } from "./renewable-producer";

export interface ProducerOptions {
  /** How long the partition leader may wait for the in-sync replicas to acknowledge (default 30 s). */
  ackTimeoutMs?: number;
}

export interface TopicRecords {
  /** Logical topic name. */
  topic: string;
  records: OutgoingRecord[];
}

/** Where the records sent to one partition landed. */
export interface PartitionWrite {
  /** Logical topic name. */
  topic: string;
  partition: number;
  /** Offset of the first record written to this partition by the call; the rest follow in order. */
  baseOffset: string;
}

/**
 * Every send is acknowledged by all in-sync replicas (acks = -1) before its promise resolves, so a
 * resolved send survives the loss of the partition leader.
 *
 * kafkajs has no linger: each send() is one produce request per broker, sent at once. Pass many
 * records to one send()/sendBatch() rather than calling send() per record when volume matters.
 *
 * The idempotent producer is off on purpose: kafkajs tracks its sequence numbers per partition in a
 * way that breaks when send() calls overlap (OUT_OF_ORDER_SEQUENCE_NUMBER errors, or records acked and
 * lost; tulios/kafkajs#598, #1005), and our services send concurrently. The cost: after a network
 * failure a retried request may write a record twice, so consumers must treat records idempotently
 * (they do). Order holds per partition for sends awaited one after another; overlapping sends to the
 * same partition may interleave.
 *
 * A send to a topic that does not exist fails (topics are never created on the fly).
 */
export interface KafkaProducer {
  connect(): Promise<void>;
  send(topic: string, records: OutgoingRecord[]): Promise<PartitionWrite[]>;
  /** Several topics in one produce call: fewer round trips, one shared outcome. */
  sendBatch(batches: TopicRecords[]): Promise<PartitionWrite[]>;
  /** Gives up waiting after the client's disconnect timeout (logs a warning, never throws). */
  disconnect(): Promise<void>;
  /** True between a successful connect() and disconnect(). kafkajs reconnects lazily in between. */
  isConnected(): boolean;
}

const ALL_IN_SYNC_REPLICAS = -1;

export function createProducer(parts: ClientParts, options: ProducerOptions = {}): KafkaProducer {
  const { prefixer } = parts;
  const producer = createRenewableProducer(parts);
  const ackTimeoutMs = options.ackTimeoutMs ?? 30_000;

  const toWrites = (metadata: RecordMetadata[]): PartitionWrite[] =>
    metadata.map((entry) => ({
      topic: prefixer.logicalTopic(entry.topicName),
      partition: entry.partition,
      baseOffset: entry.baseOffset ?? entry.offset ?? "-1",
    }));

  const sendBatch = async (batches: TopicRecords[]): Promise<PartitionWrite[]> => {
    const nonEmpty = batches.filter((batch) => batch.records.length > 0);
    if (nonEmpty.length === 0) return [];
    const topicMessages = nonEmpty.map((batch) => ({
      topic: prefixer.topic(batch.topic),
      messages: toKafkajsMessages(batch.records),
    }));
    try {
      return toWrites(
        await producer.sendBatch({ topicMessages, acks: ALL_IN_SYNC_REPLICAS, timeout: ackTimeoutMs }),
      );
    } catch (error) {
      const topics = nonEmpty.map((batch) => batch.topic).join(", ");
      const count = nonEmpty.reduce((sum, batch) => sum + batch.records.length, 0);
      throw new Error(`Kafka did not accept ${count} record(s) for ${topics}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  };

  return {
    async connect() {
      try {
        await producer.connect();
      } catch (error) {
        const brokers = parts.brokers.join(", ");
        throw new Error(`Kafka producer could not connect to ${brokers}: ${errorMessage(error)}`, {
          cause: error,
        });
      }
    },
    send: (topic, records) => sendBatch([{ topic, records }]),
    sendBatch,
    disconnect: producer.disconnect,
    isConnected: producer.isConnected,
  };
}
