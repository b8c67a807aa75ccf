import { context } from "@opentelemetry/api";
import type { EachBatchPayload } from "kafkajs";
import type { Registry } from "prom-client";
import { type ClientParts, errorMessage } from "./client-parts";
import { type ConsumerCrash, createConsumerLifecycle } from "./consumer-lifecycle";
import { consumerMetrics } from "./consumer-metrics";
import { logHandledRecords, startBatchTrace } from "./consumer-tracing";
import { HandlerFailedError } from "./handler-failed-error";
import { type ConsumedRecord, toConsumedRecord } from "./records";

export interface ConsumerOptions {
  /** Logical consumer-group name; KAFKA_PREFIX is added on the broker. */
  groupId: string;
  /** Logical topic names. They must exist: nothing is created on the fly. */
  topics: string[];
  /** Where a group with no committed offset starts: the oldest record (true) or new ones only (default). */
  fromBeginning?: boolean;
  /** The broker drops a member silent for this long (default 30 s). */
  sessionTimeoutMs?: number;
  /** start() fails if the group is not joined within this long (default 90 s). */
  joinTimeoutMs?: number;
  /** Partitions handled at once (default 1). Batches of one partition are always handled in order. */
  partitionsConsumedConcurrently?: number;
  /**
   * Most bytes one fetch brings per partition (kafkajs's default: 1 MiB), so most records one batch holds.
   * kafkajs fetches again only once every batch of the last fetch is handled: a handler with a cost per
   * batch (a transaction, a commit) drains a backlog faster with larger batches.
   */
  maxBytesPerPartition?: number;
  /**
   * The service's metrics registry: the consumer then reports records, batches, handler time,
   * rebalances and lag per partition in it (see consumer-metrics.ts).
   */
  metrics?: Registry;
}

/** One fetched batch of records from one partition, in offset order. */
export interface ConsumedBatch {
  /** Logical topic name. */
  topic: string;
  partition: number;
  records: ConsumedRecord[];
  /** Offset the next record written to this partition will get; lag = highWatermark - last offset - 1. */
  highWatermark: string;
  /**
   * Tells the group this member is alive. kafkajs only heartbeats between batches, so a handler that
   * works longer than the session timeout must call this now and then (it is cheap to call often).
   * It throws when the group is rebalancing (the partition may be another member's now): a handler that
   * lets that error out, wrapped or not, has its batch redelivered, with no failure logged and no crash.
   */
  heartbeat(): Promise<void>;
  /** Aborted when stop() begins; a long handler may stop early by throwing (e.g. signal.throwIfAborted()). */
  signal: AbortSignal;
}

/**
 * Handles one batch. Resolving means every record in it is done: the offsets are then committed.
 * Throwing commits nothing, so the batch is delivered again (see KafkaConsumer).
 */
export type BatchHandler = (batch: ConsumedBatch) => Promise<void>;

/**
 * At-least-once consumption: offsets are committed only after the handler resolves (autocommit is
 * off), so a crash or a throwing handler leads to redelivery, never to loss.
 *
 * When a handler throws, the failure is logged and nothing is committed; kafkajs fetches from the
 * first uncommitted record again and retries with back-off (the client's retry policy). When those
 * retries run out the consumer "crashes": kafkajs leaves the group and rejoins after a pause, and the
 * records are delivered once more (onCrash listeners hear of it with restarting = true). A record that
 * can never be handled would loop forever, so handlers should catch bad records themselves and send
 * them to a dead-letter topic.
 */
export interface KafkaConsumer {
  /** Connects, subscribes and resolves once the group is joined; rejects (after cleaning up) if it cannot. */
  start(handler: BatchHandler): Promise<void>;
  /** Finishes the batch in hand, leaves the group, disconnects; gives up after the disconnect timeout. */
  stop(): Promise<void>;
  /** True while this consumer is a member of its group (false while it restarts after a crash). */
  isRunning(): boolean;
  /** Calls `listener` on every crash; returns a function that removes it. */
  onCrash(listener: (crash: ConsumerCrash) => void): () => void;
}

export function createConsumer(parts: ClientParts, options: ConsumerOptions): KafkaConsumer {
  const { prefixer, log } = parts;
  const groupId = prefixer.groupId(options.groupId);
  const topics = options.topics.map((topic) => prefixer.topic(topic));
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  const consumer = parts.kafka.consumer({
    groupId,
    sessionTimeout,
    heartbeatInterval: Math.max(100, Math.floor(sessionTimeout / 10)),
    allowAutoTopicCreation: false,
    // How long a fetch waits on the broker for new records. Java's default is 0.5 s; kafkajs's 5 s
    // made every stop() wait up to 5 s for the fetch in flight (tulios/kafkajs#1596).
    maxWaitTimeInMs: 1_000,
    ...(options.maxBytesPerPartition === undefined
      ? {}
      : { maxBytesPerPartition: options.maxBytesPerPartition }),
    retry: parts.retry,
  });
  const lifecycle = createConsumerLifecycle({
    consumer,
    groupId,
    log,
    disconnectTimeoutMs: parts.disconnectTimeoutMs,
    joinTimeoutMs: options.joinTimeoutMs ?? 90_000,
  });
  const metrics = consumerMetrics(options.metrics, options.groupId);
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assignment: Record<string, number[]> = {};
    for (const [brokerTopic, partitions] of Object.entries(payload.memberAssignment)) {
      assignment[prefixer.logicalTopic(brokerTopic)] = partitions;
    }
    metrics.joined(assignment);
  });

  const handleBatch = async (handler: BatchHandler, payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const topic = prefixer.logicalTopic(batch.topic);
    const records = batch.messages.map((message) => toConsumedRecord(topic, batch.partition, message));
    const where = {
      groupId,
      topic,
      partition: batch.partition,
      firstOffset: records[0]?.offset,
      records: records.length,
    };
    const signal = lifecycle.signal();
    // A heartbeat refused because the group is rebalancing means the partition may now be another
    // member's. That is no failure of the handler: kafkajs rejoins the group and the batch goes, uncommitted,
    // to whoever owns the partition next. Remembered here so the handler may wrap the error as it likes.
    let lostPartition: unknown;
    const heartbeat = async () => {
      try {
        await payload.heartbeat();
      } catch (error) {
        if (isRebalance(error)) lostPartition = error;
        throw error;
      }
    };
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1_000;
    if (records[0]) metrics.batchStarted(topic, batch.partition, records[0].offset, batch.highWatermark);
    const traceWhere = { groupId: options.groupId, topic, partition: batch.partition };
    const traced = startBatchTrace(traceWhere, records);
    try {
      await context.with(traced.context, () =>
        handler({
          topic,
          partition: batch.partition,
          records,
          highWatermark: batch.highWatermark,
          heartbeat,
          signal,
        }),
      );
    } catch (error) {
      traced.end(error);
      metrics.batchFailed(topic, seconds());
      if (lostPartition !== undefined && !signal.aborted) {
        log.info(
          { ...where, reason: errorMessage(lostPartition) },
          "Kafka group is rebalancing; the batch in hand was left uncommitted and will be delivered again",
        );
        // Thrown as kafkajs's own error, so kafkajs rejoins quietly instead of counting a failed handler.
        throw lostPartition;
      }
      const message = signal.aborted
        ? "Kafka batch abandoned while stopping; it will be delivered again"
        : "Kafka handler failed; the batch was not committed and will be delivered again";
      log[signal.aborted ? "warn" : "error"]({ ...where, err: error }, message);
      throw new HandlerFailedError(
        `handler failed on ${topic}[${batch.partition}]: ${errorMessage(error)}`,
        error,
      );
    }
    // Commit before marking the batch resolved: if the commit fails the next fetch starts from the
    // same offset again instead of skipping records that were never committed.
    const lastOffset = batch.lastOffset();
    const nextOffset = (BigInt(lastOffset) + 1n).toString();
    try {
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset }] }],
      });
    } catch (error) {
      traced.end(error);
      throw error;
    }
    traced.end();
    logHandledRecords(log, traceWhere, records);
    payload.resolveOffset(lastOffset);
    metrics.batchHandled({
      topic,
      partition: batch.partition,
      records: records.length,
      seconds: seconds(),
      nextOffset,
      highWatermark: batch.highWatermark,
    });
    await payload.heartbeat();
  };

  return {
    start: (handler) =>
      lifecycle.start(async () => {
        await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? false });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
          eachBatch: (payload) => handleBatch(handler, payload),
        });
      }),
    stop: lifecycle.stop,
    isRunning: lifecycle.isRunning,
    onCrash: lifecycle.onCrash,
  };
}

// kafkajs answers these by rejoining the group (runner.js), with no retry and no crash.
const REBALANCE_ERRORS = new Set([
  "REBALANCE_IN_PROGRESS",
  "NOT_COORDINATOR_FOR_GROUP",
  "ILLEGAL_GENERATION",
  "UNKNOWN_MEMBER_ID",
]);

function isRebalance(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === "string" && REBALANCE_ERRORS.has(type);
}
