import { formatTable } from "../table";

// What edm-stats's rebuild prints with --json, one JSON object a line (apps/edm-stats/src/rebuild-cli.ts).
// Only the fields shown here are read; the rest is passed through untouched with `pnpm edm rebuild-stats --json`.

export interface RebuildProgressLine {
  type: "progress";
  generation: { generation: number };
  records: number;
  counted: number;
  lag: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildResultLine {
  type: "result";
  generation: { generation: number };
  previous: { generation: number };
  activated: boolean;
  records: number;
  counted: number;
  duplicates: number;
  uncountable: number;
  durationMs: number;
  eventsPerSecond: number;
  totals: { previous: Record<string, number>; rebuilt: Record<string, number> };
}

export type RebuildLine = RebuildProgressLine | RebuildResultLine | { type: string };

/** One line of the child's stdout, or undefined when it is not a JSON object with a type. */
export function parseRebuildLine(text: string): RebuildLine | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === "object" &&
      value !== null &&
      typeof (value as { type?: unknown }).type === "string"
    ) {
      return value as RebuildLine;
    }
  } catch {
    // Not JSON: a line the child printed for people; the caller shows it as it is.
  }
  return undefined;
}

export function isProgress(line: RebuildLine): line is RebuildProgressLine {
  return line.type === "progress";
}

export function isResult(line: RebuildLine): line is RebuildResultLine {
  return line.type === "result";
}

export function formatRebuildProgress(progress: RebuildProgressLine): string {
  const seconds = Math.round(progress.elapsedMs / 1_000);
  return `Rebuilding generation ${progress.generation.generation}: ${progress.records} records read, ${progress.counted} counted, ${progress.lag} to go (${progress.eventsPerSecond} records/s, ${seconds} s)`;
}

/** The summary: what happened, the speed, and both generations' totals side by side. */
export function formatRebuildResult(result: RebuildResultLine): string {
  const { generation, previous, totals } = result;
  const headline = result.activated
    ? `Rebuilt generation ${generation.generation} and switched to it (from generation ${previous.generation}).`
    : `Rebuilt generation ${generation.generation}; generation ${previous.generation} stays active.`;
  const speed = `${result.records} records read, ${result.counted} events counted, ${result.duplicates} duplicates, ${result.uncountable} uncountable, in ${(result.durationMs / 1_000).toFixed(1)} s (${result.eventsPerSecond} records/s).`;
  const rows = Object.keys(totals.rebuilt).map((name) => {
    const before = totals.previous[name] ?? 0;
    const after = totals.rebuilt[name] ?? 0;
    return [name, before, after, before === after ? "" : "differs"];
  });
  const table = formatTable(
    ["total", `generation ${previous.generation}`, `generation ${generation.generation}`, ""],
    rows,
  );
  return [
    headline,
    speed,
    table,
    `Only what Kafka retains was rebuilt. Switch back with: pnpm edm rebuild-stats activate ${previous.generation}`,
  ].join("\n");
}
