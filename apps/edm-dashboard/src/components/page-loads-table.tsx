import { formatCount } from "../format";
import type { PageRow } from "../logic/dashboard-view";

const MAX_PAGES = 10;

/**
 * Page loads per page (URL path), with a bar scaled to the busiest page. Cells carry
 * `data-testid="pageloads-total-<path>"` / `"pageloads-live-<path>"` and the raw number in `data-value`.
 */
export function PageLoadsTable({ rows }: { rows: PageRow[] }) {
  const shown = rows.slice(0, MAX_PAGES);
  const most = Math.max(1, ...shown.map((row) => row.loads ?? row.live));
  return (
    <table className="data-table" aria-label="Page loads per page">
      <thead>
        <tr>
          <th scope="col">Page</th>
          <th scope="col" className="numeric">
            All time
          </th>
          <th scope="col" className="numeric">
            Since opened
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <tr key={row.page}>
            <th scope="row" className="subject" title={row.page}>
              <span className="page-path">{row.page}</span>
              <span className="inline-bar" aria-hidden="true">
                <span style={{ width: `${(100 * (row.loads ?? row.live)) / most}%` }} />
              </span>
            </th>
            <td className="numeric" data-testid={`pageloads-total-${row.page}`} data-value={row.loads ?? ""}>
              {formatCount(row.loads)}
            </td>
            <td
              className={`numeric ${row.live > 0 ? "live-count" : "muted"}`}
              data-testid={`pageloads-live-${row.page}`}
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
