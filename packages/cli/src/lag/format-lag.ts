import { cell, formatTable } from "../table";
import type { GroupLag } from "./group-lag";

/** One table for every group, a line per partition, then a line per group with its total. */
export function formatLag(groups: GroupLag[]): string {
  if (groups.length === 0) return "No consumer groups.";
  const rows = groups.flatMap((group) =>
    group.partitions.length === 0
      ? [[group.group, "(no committed offsets on existing topics)", "", "", "", ""]]
      : group.partitions.map((entry) => [
          group.group,
          entry.topic,
          entry.partition,
          cell(entry.committed),
          entry.end,
          cell(entry.lag),
        ]),
  );
  const table = formatTable(["group", "topic", "partition", "committed", "end", "lag"], rows);
  const totals = groups.map(
    (group) =>
      `${group.group}: lag ${group.totalLag}, ${group.state}, ${group.members} active member${group.members === 1 ? "" : "s"}`,
  );
  return `${table}\n${totals.join("\n")}`;
}
