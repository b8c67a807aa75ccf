import type { GenerationRecord } from "./generation-control";
import type { RebuildProgress, RebuildResult } from "./rebuild";
import type { StatsTotals } from "./totals";

// What `pnpm --filter edm-stats rebuild-stats` prints for people; `--json` prints the objects themselves.

export function progressLine(progress: RebuildProgress): string {
  const { generation, records, counted, lag, elapsedMs, eventsPerSecond } = progress;
  return `generation ${generation.generation}: ${records} records read, ${counted} counted, ${lag} to go (${eventsPerSecond} records/s, ${Math.round(elapsedMs / 1_000)} s)`;
}

const TOTAL_NAMES: Record<keyof StatsTotals, string> = {
  events: "events",
  clicks: "clicks",
  pageloads: "page loads",
  buttonClicks: "clicks by button",
  pageLoads: "loads by page",
  sessions: "sessions",
  eventKeys: "dedupe keys",
};

export function resultReport(result: RebuildResult): string {
  const { generation, previous, totals } = result;
  const lines = [
    result.activated
      ? `Rebuilt generation ${generation.generation} and switched to it (from generation ${previous.generation}).`
      : `Rebuilt generation ${generation.generation}${result.resumed ? " (resumed)" : ""}; generation ${previous.generation} stays active.`,
    `${result.records} records read, ${result.counted} events counted, ${result.duplicates} duplicates, ${result.uncountable} uncountable, in ${(result.durationMs / 1_000).toFixed(1)} s (${result.eventsPerSecond} records/s).`,
    "",
    `${"".padEnd(18)}${`generation ${previous.generation}`.padStart(16)}${`generation ${generation.generation}`.padStart(16)}`,
  ];
  for (const [key, name] of Object.entries(TOTAL_NAMES) as [keyof StatsTotals, string][]) {
    const before = totals.previous[key];
    const after = totals.rebuilt[key];
    const mark = before === after ? "" : "  (differs)";
    lines.push(`${name.padEnd(18)}${String(before).padStart(16)}${String(after).padStart(16)}${mark}`);
  }
  const left = result.partitions.reduce((sum, partition) => sum + partition.lag, 0);
  if (left > 0) {
    lines.push("", `${left} records arrived after the rebuild stopped; the live instances count them next.`);
  }
  if (result.pruned.length > 0) {
    lines.push(`Dropped generations ${result.pruned.map((entry) => entry.generation).join(", ")}.`);
  }
  lines.push(
    "",
    "Only what Kafka retains was rebuilt. Switch back with: pnpm --filter edm-stats rebuild-stats activate " +
      String(previous.generation),
  );
  return lines.join("\n");
}

export function generationsReport(generations: readonly GenerationRecord[]): string {
  if (generations.length === 0)
    return "No rebuild yet: generation 0 (the deployment's own tables) is active.";
  return generations
    .map((entry) => {
      const state = entry.droppedAt
        ? "pruned"
        : entry.active
          ? "ACTIVE"
          : entry.builtAt === null
            ? "unfinished (the next rebuild resumes it)"
            : "built, inactive";
      return `generation ${entry.generation}  schema ${entry.schema}  group ${entry.groupId}  ${state}`;
    })
    .join("\n");
}
