import Table from "cli-table3";

/** A plain table: no colours (they would end up in logs and files), numbers aligned right. */
export function formatTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, index) =>
      rows.some((row) => typeof row[index] === "number") ? "right" : "left",
    ),
  });
  for (const row of rows) table.push(row.map(String));
  return table.toString();
}

/** "-" for "nothing there" in a table cell. */
export const cell = (value: number | null): string | number => (value === null ? "-" : value);
