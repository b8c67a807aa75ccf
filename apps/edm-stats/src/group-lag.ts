import type { PartitionOffset, PartitionRange } from "@edm/kafka";

/** Where a consumer group stands on one partition. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset the group will read: its committed offset, or the oldest retained one if none. */
  position: string;
  /** The high watermark: the offset the next record written will get. */
  high: string;
  /** Records retained and not yet handled by the group: high - position. */
  lag: number;
}

/**
 * Pure: the group's lag on every partition of the topics in `ranges`, from its committed offsets. A
 * partition the group never committed on (or whose committed records Kafka has since deleted) is read from
 * the oldest record Kafka retains.
 */
export function groupLag(
  ranges: ReadonlyMap<string, readonly PartitionRange[]>,
  committed: ReadonlyMap<string, readonly PartitionOffset[]>,
): PartitionLag[] {
  const lags: PartitionLag[] = [];
  for (const [topic, partitions] of ranges) {
    const offsets = committed.get(topic) ?? [];
    for (const { partition, low, high } of partitions) {
      const at = BigInt(offsets.find((entry) => entry.partition === partition)?.offset ?? "-1");
      const position = at > BigInt(low) ? at : BigInt(low);
      const lag = BigInt(high) > position ? BigInt(high) - position : 0n;
      lags.push({ topic, partition, position: position.toString(), high, lag: Number(lag) });
    }
  }
  return lags;
}

export function totalLag(lags: readonly PartitionLag[]): number {
  return lags.reduce((sum, { lag }) => sum + lag, 0);
}

/**
 * True when, on every partition, the group has handled everything that was written before `marks` was
 * sampled (the high watermarks of an earlier sample; without one, of `lags` itself, i.e. lag 0 everywhere).
 * Comparing with the previous sample lets a group that keeps up with live traffic count as caught up, where
 * "lag 0 at one instant on every partition" might never be seen while events keep arriving.
 */
export function reachedMarks(lags: readonly PartitionLag[], marks?: readonly PartitionLag[]): boolean {
  return lags.every((lag) => {
    const mark = marks?.find((entry) => entry.topic === lag.topic && entry.partition === lag.partition);
    return BigInt(lag.position) >= BigInt(mark?.high ?? lag.high);
  });
}
