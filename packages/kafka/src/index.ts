/**
 * @edm/kafka: the one place that turns the environment into Kafka clients. Nothing else imports
 * kafkajs; these small types are the whole surface, so another client library could replace kafkajs
 * by changing this package alone.
 *
 *   const config = loadKafkaConfig(process.env, { clientId: "edm-stats" }); // throws KafkaConfigError
 *   const kafka = createKafka(config, { log });
 *
 *   const producer = kafka.producer();
 *   await producer.connect();
 *   await producer.send("edm-ui-click", [{ key: sessionId, value: JSON.stringify(event) }]);
 *
 *   const consumer = kafka.consumer({ groupId: "edm-stats", topics: ["edm-ui-click"] });
 *   await consumer.start(async (batch) => { ...handle batch.records; resolve = commit });
 *   await consumer.stop(); // bounded
 *
 * Names are logical everywhere ("edm-ui-click"); KAFKA_PREFIX is added on the broker and removed from
 * delivered records. Delivery is at least once: handlers must tolerate a record seen twice.
 */
export type {
  GroupDescription,
  GroupMember,
  KafkaAdmin,
  PartitionOffset,
  PartitionRange,
  TopicPartitionOffsets,
  TopicSpec,
} from "./admin";
export type { KafkaClient, KafkaClientOptions } from "./client";
export { createKafka, DEFAULT_RETRY } from "./client";
export type { RetryPolicy } from "./client-parts";
export type { KafkaConfig } from "./config";
export { describeKafkaConfig, KafkaConfigError, loadKafkaConfig } from "./config";
export type { BatchHandler, ConsumedBatch, ConsumerOptions, KafkaConsumer } from "./consumer";
export type { ConsumerCrash } from "./consumer-lifecycle";
export type { BatchTrace, BatchWhere } from "./consumer-tracing";
export { startBatchTrace } from "./consumer-tracing";
export type { DeadLetter, DeadLetterSink } from "./dead-letter";
export { DEAD_LETTER_HEADERS, kafkaDeadLetters, toDeadLetterRecord } from "./dead-letter";
export { countedDeadLetters } from "./dead-letter-metrics";
export type {
  GroupLag,
  GroupLagReader,
  GroupToWatch,
  LagQuery,
  LagReport,
  PartitionGroupLag,
  TopicEnds,
} from "./group-lag";
export { partitionLag, recordsBehind } from "./lag";
export type { KafkaLogger } from "./logger-bridge";
export { partitionForKey } from "./partitioner";
export type { KafkaProducer, PartitionWrite, ProducerOptions, TopicRecords } from "./producer";
export type { ConsumedRecord, OutgoingRecord } from "./records";
export type { KafkaTls } from "./tls";
export {
  contextFromHeaders,
  spanContextFromHeaders,
  TRACE_HEADERS,
  traceHeaders,
  traceIdOf,
} from "./trace-context";
export { TimeoutError, withTimeout } from "./with-timeout";
