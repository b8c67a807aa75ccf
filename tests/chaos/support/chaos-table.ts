import type { Tally } from "./tally";

// One row per fault case, printed as each case ends and all together at the end of the suite, so a
// person reads in one place what each fault cost: events lost or counted twice, and time to recover.

export interface ChaosRow {
  case: string;
  acknowledged: number;
  counted: number;
  lost: number;
  duplicated: number;
  "seconds to recover": string;
}

export function chaosRow(name: string, tally: Tally): ChaosRow {
  const recovery = tally.recoverySeconds.map((seconds) =>
    seconds === undefined ? "never" : seconds.toFixed(1),
  );
  return {
    case: name,
    acknowledged: tally.acknowledged,
    counted: tally.counted,
    lost: tally.lost,
    duplicated: tally.duplicated,
    "seconds to recover": recovery.length === 0 ? "-" : recovery.join(" / "),
  };
}

export class ChaosTable {
  private readonly rows: ChaosRow[] = [];

  add(row: ChaosRow): void {
    this.rows.push(row);
    console.log(`[chaos] ${JSON.stringify(row)}`);
  }

  print(): void {
    if (this.rows.length === 0) return;
    console.log("[chaos] every acknowledged event, counted exactly once? (lost and duplicated must be 0)");
    console.table(this.rows);
  }
}
