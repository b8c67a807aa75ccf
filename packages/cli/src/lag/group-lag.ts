/** One partition of one group: how far its committed offset is behind the end of the log. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** null: the group committed nothing here (it starts where its reset policy says). */
  committed: number | null;
  /** High watermark: the offset the next record will get. */
  end: number;
  /** Records written but not yet consumed; null when nothing is committed. */
  lag: number | null;
}

export interface GroupLag {
  group: string;
  state: string;
  members: number;
  /** Sum over the partitions with a committed offset. */
  totalLag: number;
  partitions: PartitionLag[];
}

export interface GroupOffsets {
  group: string;
  state: string;
  members: number;
  committed: { topic: string; partitions: { partition: number; offset: number }[] }[];
}

/**
 * Lag from the broker's own numbers: end of each partition minus the group's committed offset. Pure:
 * `ends` maps a topic to its partitions' high watermarks (absent for a topic that no longer exists,
 * whose offsets are then left out).
 */
export function groupLag(offsets: GroupOffsets, ends: Map<string, Map<number, number>>): GroupLag {
  const partitions: PartitionLag[] = [];
  for (const { topic, partitions: committed } of offsets.committed) {
    const topicEnds = ends.get(topic);
    if (!topicEnds) continue;
    for (const [partition, end] of [...topicEnds].sort(([a], [b]) => a - b)) {
      const offset = committed.find((entry) => entry.partition === partition)?.offset;
      const known = offset !== undefined && offset >= 0 ? offset : null;
      partitions.push({
        topic,
        partition,
        committed: known,
        end,
        lag: known === null ? null : Math.max(0, end - known),
      });
    }
  }
  const totalLag = partitions.reduce((sum, entry) => sum + (entry.lag ?? 0), 0);
  return { group: offsets.group, state: offsets.state, members: offsets.members, totalLag, partitions };
}
