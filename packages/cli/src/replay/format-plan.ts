import { cell, formatTable } from "../table";
import type { PlannedPartition } from "./replay-plan";

/** The replay plan as a table: where the group is, where it goes, and what it will have to read. */
export function formatPlan(partitions: PlannedPartition[]): string {
  return formatTable(
    ["topic", "partition", "committed", "target", "end", "lag now", "lag after"],
    partitions.map((entry) => [
      entry.topic,
      entry.partition,
      cell(entry.committed),
      entry.target,
      entry.end,
      cell(entry.lagNow),
      entry.lagAfter,
    ]),
  );
}
