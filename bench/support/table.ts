export interface Comparison {
  figure: string;
  measured: number;
  ceiling: number;
  /** "events/s" and the like: higher is better. For latencies (lower is better) the ratio is inverted. */
  unit: string;
  lowerIsBetter?: boolean;
  /** Least acceptable ratio to the ceiling, when the issue sets one. */
  goal?: number;
  /**
   * A goal on the figure itself, in its unit, when the issue sets one (p99 ≤ 50 ms, 100 % delivered):
   * at most this when lower is better, else at least this.
   */
  bound?: number;
}

// Four significant digits: 99.96 % delivered must not read as 100.
const round = (value: number) => String(value >= 1_000 ? Math.round(value) : Number(value.toPrecision(4)));

function goalOf({ measured, ceiling, lowerIsBetter, goal, bound }: Comparison): [string, string] {
  if (bound !== undefined) {
    const met = lowerIsBetter ? measured <= bound : measured >= bound;
    return [`${lowerIsBetter ? "≤" : "≥"} ${round(bound)}`, met ? "yes" : "NO"];
  }
  if (goal === undefined) return ["", ""];
  const ratio = lowerIsBetter ? ceiling / measured : measured / ceiling;
  return [`≥ ${goal}×`, ratio >= goal ? "yes" : "NO"];
}

/** Each figure beside its ceiling, with the ratio and whether the goal is met, as a plain-text table. */
export function printComparisons(title: string, comparisons: Comparison[]): void {
  const header = ["figure", "measured", "ceiling", "ratio", "goal", "goal met?"];
  const rows = comparisons.map((comparison) => {
    const { figure, measured, ceiling, unit, lowerIsBetter } = comparison;
    const ratio = lowerIsBetter ? ceiling / measured : measured / ceiling;
    return [
      `${figure} (${unit})`,
      round(measured),
      round(ceiling),
      `${ratio.toFixed(2)}×`,
      ...goalOf(comparison),
    ];
  });
  const widths = header.map((name, column) =>
    Math.max(name.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  console.log(`\n${title}\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}`);
  for (const row of rows) console.log(line(row));
}
