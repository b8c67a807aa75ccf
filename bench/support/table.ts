export interface Comparison {
  figure: string;
  measured: number;
  ceiling: number;
  /** "events/s" and the like: higher is better. For latencies (lower is better) the ratio is inverted. */
  unit: string;
  lowerIsBetter?: boolean;
  /** Least acceptable ratio, when the issue sets one. */
  goal?: number;
}

const round = (value: number) => String(value >= 100 ? Math.round(value) : Number(value.toFixed(1)));

/** Each figure beside its ceiling, with the ratio and whether the goal is met, as a plain-text table. */
export function printComparisons(title: string, comparisons: Comparison[]): void {
  const header = ["figure", "measured", "ceiling", "ratio", "goal", "goal met?"];
  const rows = comparisons.map(({ figure, measured, ceiling, unit, lowerIsBetter, goal }) => {
    const ratio = lowerIsBetter ? ceiling / measured : measured / ceiling;
    return [
      `${figure} (${unit})`,
      round(measured),
      round(ceiling),
      `${ratio.toFixed(2)}×`,
      goal === undefined ? "" : `≥ ${goal}×`,
      goal === undefined ? "" : ratio >= goal ? "yes" : "NO",
    ];
  });
  const widths = header.map((name, column) =>
    Math.max(name.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  console.log(`\n${title}\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}`);
  for (const row of rows) console.log(line(row));
}
