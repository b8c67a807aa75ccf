// Lag is how many records of a partition a consumer group has yet to handle: the partition's high
// watermark (the offset the next record written will get) minus the offset the group reads next.
// Offsets are int64 strings on the wire; they are compared as BigInt and only the difference, which is
// small enough, becomes a number.

/** Records in a partition from `nextOffset` on; never negative (a watermark read just before a commit may lag behind it). */
export function recordsBehind(highWatermark: string, nextOffset: string): number {
  const behind = BigInt(highWatermark) - BigInt(nextOffset);
  return behind > 0n ? Number(behind) : 0;
}

export interface PartitionOffsets {
  /** Next offset the group will read; "-1" (or any negative) when the group has committed nothing here. */
  committed: string;
  /** Oldest offset the partition still holds. */
  low: string;
  /** Offset the next record written will get. */
  high: string;
}

/**
 * A group's lag on one partition from the broker's view. A group that has committed nothing yet starts,
 * when it joins, at the oldest record still held ("earliest", like edm-stats) or at the next one written
 * ("latest", like edm-stream): so it is behind by every retained record, or by none.
 */
export function partitionLag(offsets: PartitionOffsets, startsAt: "earliest" | "latest"): number {
  if (BigInt(offsets.committed) >= 0n) return recordsBehind(offsets.high, offsets.committed);
  return startsAt === "earliest" ? recordsBehind(offsets.high, offsets.low) : 0;
}
