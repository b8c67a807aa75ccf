import { type ClientParts, errorMessage } from "./client-parts";
import { TimeoutError, withTimeout } from "./with-timeout";

/** The records a partition holds right now. */
export interface PartitionRange {
  partition: number;
  /** Offset of the oldest record Kafka still retains (equal to `high` when it retains none). */
  low: string;
  /** High watermark: the offset the next record written will get. */
  high: string;
}

/**
 * Reads the retained range of every partition of `topics` (logical names), with a short-lived admin
 * connection. A consumer group's lag on a partition is `high - max(committed, low)`: with `low` a group
 * that never committed on a partition whose records Kafka has all deleted is not counted as behind.
 */
export async function fetchPartitionRanges(
  parts: ClientParts,
  topics: readonly string[],
): Promise<Map<string, PartitionRange[]>> {
  const admin = parts.kafka.admin({ retry: parts.retry });
  try {
    await admin.connect();
    const ranges = new Map<string, PartitionRange[]>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(parts.prefixer.topic(topic));
      ranges.set(
        topic,
        offsets
          .map(({ partition, low, high }) => ({ partition, low, high }))
          .sort((a, b) => a.partition - b.partition),
      );
    }
    return ranges;
  } catch (error) {
    throw new Error(`Kafka admin could not read the topics' offsets: ${errorMessage(error)}`, {
      cause: error,
    });
  } finally {
    await withTimeout(
      admin.disconnect(),
      parts.disconnectTimeoutMs,
      "Disconnecting the Kafka admin client",
    ).catch((error: unknown) => {
      const reason = error instanceof TimeoutError ? "gave up waiting" : "failed";
      parts.log.warn({ err: error }, `Kafka admin disconnect ${reason}; continuing`);
    });
  }
}
