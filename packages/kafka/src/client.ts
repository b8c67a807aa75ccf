import kafkajs from "kafkajs";
import { createAdmin, type KafkaAdmin } from "./admin";
import { type ClientParts, type RetryPolicy, toKafkajsRetry } from "./client-parts";
import type { KafkaConfig } from "./config";
import { type ConsumerOptions, createConsumer, type KafkaConsumer } from "./consumer";
import { createGroupLagReader, type GroupLagReader } from "./group-lag";
import { KAFKAJS_LOG_LEVEL, type KafkaLogger, kafkajsLogCreator } from "./logger-bridge";
import { createPrefixer } from "./prefix";
import { createProducer, type KafkaProducer, type ProducerOptions } from "./producer";
import { brokerTlsOptions } from "./tls";

export interface KafkaClientOptions {
  /** Where kafkajs's log lines and this package's go (a pino logger fits). */
  log: KafkaLogger;
  /** Time allowed to open a connection, TLS handshake included (default 10 s). */
  connectionTimeoutMs?: number;
  /** Time allowed for any one request to a broker (default 30 s). */
  requestTimeoutMs?: number;
  /** Default: 5 retries, from 300 ms doubling up to 30 s. */
  retry?: RetryPolicy;
  /** How long disconnect()/stop() wait before giving up (default 10 s; kafkajs can hang there). */
  disconnectTimeoutMs?: number;
}

/** The one door to Kafka: topic and group names are logical everywhere; KAFKA_PREFIX is added here. */
export interface KafkaClient {
  /** Broker name of a logical topic (KAFKA_PREFIX + name), for messages and tools. */
  topic(name: string): string;
  /** Broker id of a logical consumer group (KAFKA_PREFIX + name). */
  groupId(name: string): string;
  producer(options?: ProducerOptions): KafkaProducer;
  consumer(options: ConsumerOptions): KafkaConsumer;
  admin(): KafkaAdmin;
  /** Reads consumer groups' lag from the broker (committed offsets against high watermarks). */
  groupLagReader(): GroupLagReader;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, initialRetryTimeMs: 300, maxRetryTimeMs: 30_000 };

/** Builds clients; connects nothing until a producer, consumer or admin is used. */
export function createKafka(config: KafkaConfig, options: KafkaClientOptions): KafkaClient {
  const prefixer = createPrefixer(config.prefix);
  const retry = toKafkajsRetry(options.retry ?? DEFAULT_RETRY);
  const kafka = new kafkajs.Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ...(config.tls ? { ssl: brokerTlsOptions(config.tls) } : {}),
    // kafkajs's 1 s default is too short for a TLS handshake across regions.
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    enforceRequestTimeout: true,
    retry,
    logLevel: KAFKAJS_LOG_LEVEL,
    logCreator: kafkajsLogCreator(options.log),
  });
  const parts: ClientParts = {
    kafka,
    brokers: config.brokers,
    prefixer,
    log: options.log,
    retry,
    disconnectTimeoutMs: options.disconnectTimeoutMs ?? 10_000,
  };

  return {
    topic: prefixer.topic,
    groupId: prefixer.groupId,
    producer: (producerOptions) => createProducer(parts, producerOptions),
    consumer: (consumerOptions) => createConsumer(parts, consumerOptions),
    admin: () => createAdmin(parts),
    groupLagReader: () => createGroupLagReader(parts),
  };
}
