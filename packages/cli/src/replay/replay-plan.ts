import type { ReplayTarget } from "./replay-target";

/** What the broker says about one topic, in numbers. */
export interface TopicState {
  topic: string;
  /** Per partition: retained range. */
  ranges: { partition: number; low: number; high: number }[];
  /** The group's committed offset per partition; absent when it committed nothing there. */
  committed: Map<number, number>;
  /** For a time target: the offset per partition at that time. */
  atTime?: Map<number, number>;
}

export interface PlannedPartition {
  topic: string;
  partition: number;
  /** null: nothing committed. */
  committed: number | null;
  target: number;
  end: number;
  /** Records left to read now (null when nothing is committed). */
  lagNow: number | null;
  /** Records left to read after the move. */
  lagAfter: number;
}

export type ReplayPlan = { ok: true; partitions: PlannedPartition[] } | { ok: false; problems: string[] };

/**
 * Per partition, where the group is and where it will be. Pure, so every target is tested without a
 * broker. An explicit offset outside the retained range is refused: Kafka would accept it, and the
 * group's reset policy would then silently pick another position.
 */
export function planReplay(target: ReplayTarget, topics: TopicState[]): ReplayPlan {
  const partitions: PlannedPartition[] = [];
  const problems: string[] = [];
  const explicit = target.kind === "offsets" ? target.offsets : [];

  for (const state of topics) {
    for (const { partition, low, high } of state.ranges) {
      let offset: number | undefined;
      if (target.kind === "earliest") offset = low;
      else if (target.kind === "latest") offset = high;
      else if (target.kind === "time") offset = state.atTime?.get(partition) ?? high;
      else
        offset = explicit.find(
          (entry) => entry.topic === state.topic && entry.partition === partition,
        )?.offset;
      if (offset === undefined) continue; // an explicit list moves only the partitions it names
      if (offset < low || offset > high) {
        problems.push(
          `${state.topic}:${partition}=${offset} is outside the retained records (${low} to ${high}, ${high} being the end)`,
        );
        continue;
      }
      const committed = state.committed.get(partition) ?? null;
      partitions.push({
        topic: state.topic,
        partition,
        committed,
        target: offset,
        end: high,
        lagNow: committed === null ? null : Math.max(0, high - committed),
        lagAfter: high - offset,
      });
    }
  }
  for (const entry of explicit) {
    const state = topics.find((topic) => topic.topic === entry.topic);
    if (state && !state.ranges.some((range) => range.partition === entry.partition)) {
      problems.push(`${entry.topic} has no partition ${entry.partition} (it has ${state.ranges.length})`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, partitions };
}
