import type { ReactNode } from "react";
import { formatCount } from "../format";

export interface CountTableRow {
  /** Names the row: its React key, the row header's title and the end of each cell's `data-testid`. */
  key: string;
  /** What the row header shows. */
  subject: ReactNode;
  /** All-time count; undefined until stats has answered once. */
  total: number | undefined;
  /** Counted live since this page opened. */
  live: number;
}

interface CountTableProps {
  /** The table's accessible name. */
  label: string;
  subjectHeading: string;
  /** Cells carry `data-testid="<prefix>-total-<key>"` / `"<prefix>-live-<key>"` and the raw number in `data-value`. */
  testIdPrefix: string;
  rows: CountTableRow[];
}

/** A table of things with their all-time count and the count seen live since this page opened. */
export function CountTable({ label, subjectHeading, testIdPrefix, rows }: CountTableProps) {
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{subjectHeading}</th>
          <th scope="col" className="numeric">
            All time
          </th>
          <th scope="col" className="numeric">
            Since opened
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="subject" title={row.key}>
              {row.subject}
            </th>
            <td
              className="numeric"
              data-testid={`${testIdPrefix}-total-${row.key}`}
              data-value={row.total ?? ""}
            >
              {formatCount(row.total)}
            </td>
            <td
              className={`numeric ${row.live > 0 ? "live-count" : "muted"}`}
              data-testid={`${testIdPrefix}-live-${row.key}`}
              data-value={row.live}
            >
              {row.live > 0 ? `+${formatCount(row.live)}` : "0"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
