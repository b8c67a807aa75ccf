import type { PageRow } from "../logic/dashboard-view";
import { CountTable } from "./count-table";

const MAX_PAGES = 10;

/**
 * Page loads per page (URL path), with a bar scaled to the busiest page. Cells carry
 * `data-testid="pageloads-total-<path>"` / `"pageloads-live-<path>"` and the raw number in `data-value`.
 */
export function PageLoadsTable({ rows }: { rows: PageRow[] }) {
  const shown = rows.slice(0, MAX_PAGES);
  const most = Math.max(1, ...shown.map((row) => row.loads ?? row.live));
  return (
    <CountTable
      label="Page loads per page"
      subjectHeading="Page"
      testIdPrefix="pageloads"
      rows={shown.map((row) => ({
        key: row.page,
        subject: (
          <>
            <span className="page-path">{row.page}</span>
            <span className="inline-bar" aria-hidden="true">
              <span style={{ width: `${(100 * (row.loads ?? row.live)) / most}%` }} />
            </span>
          </>
        ),
        total: row.loads,
        live: row.live,
      }))}
    />
  );
}
