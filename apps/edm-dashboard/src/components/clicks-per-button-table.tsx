import type { ButtonRow } from "../logic/dashboard-view";
import { CountTable } from "./count-table";

/**
 * Every button with its all-time clicks and the clicks seen live since this page opened. Cells carry
 * `data-testid="clicks-total-<button id>"` / `"clicks-live-<button id>"` and the raw number in `data-value`.
 */
export function ClicksPerButtonTable({ rows }: { rows: ButtonRow[] }) {
  return (
    <div className="table-scroll">
      <CountTable
        label="Clicks per button"
        subjectHeading="Button"
        testIdPrefix="clicks"
        rows={rows.map((row) => ({
          key: row.buttonId,
          subject: row.buttonId,
          total: row.total,
          live: row.live,
        }))}
      />
    </div>
  );
}
