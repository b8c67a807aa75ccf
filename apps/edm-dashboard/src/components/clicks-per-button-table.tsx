import { formatCount } from "../format";
import type { ButtonRow } from "../logic/dashboard-view";

/**
 * Every button with its all-time clicks and the clicks seen live since this page opened. Cells carry
 * `data-testid="clicks-total-<button id>"` / `"clicks-live-<button id>"` and the raw number in `data-value`.
 */
export function ClicksPerButtonTable({ rows }: { rows: ButtonRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Clicks per button">
        <thead>
          <tr>
            <th scope="col">Button</th>
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
            <tr key={row.buttonId}>
              <th scope="row" className="subject" title={row.buttonId}>
                {row.buttonId}
              </th>
              <td
                className="numeric"
                data-testid={`clicks-total-${row.buttonId}`}
                data-value={row.total ?? ""}
              >
                {formatCount(row.total)}
              </td>
              <td
                className={`numeric ${row.live > 0 ? "live-count" : "muted"}`}
                data-testid={`clicks-live-${row.buttonId}`}
                data-value={row.live}
              >
                {row.live > 0 ? `+${formatCount(row.live)}` : "0"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
