// The tables of the course and credit-hour pages share one frame: a sentence when there is no
// row, else a header row and one body row a record, scrolling sideways on a narrow screen
// (the list pages add `table-cards`, which turns rows into cards there instead).
import type { ReactNode } from "react";
import { Pagination } from "~/components/pagination";

export type Column = { label: ReactNode; className?: string };

export function RowsTable<T>({
  rows,
  columns,
  empty,
  emptyClassName = "p-4 text-sm text-slate-600",
  className = "table",
  testId,
  children: renderRow,
}: {
  rows: T[];
  /** The header cells; a column shown only to some readers is `false` for the others. */
  columns: (Column | false)[];
  empty: ReactNode;
  emptyClassName?: string;
  className?: string;
  testId?: string;
  children: (row: T, index: number) => ReactNode;
}) {
  if (rows.length === 0) return <p className={emptyClassName}>{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className={className} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              c ? (
                <th key={i} scope="col" className={c.className}>
                  {c.label}
                </th>
              ) : null,
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{rows.map(renderRow)}</tbody>
      </table>
    </div>
  );
}

/** The pager under a table inside a card (the card has no padding of its own). */
export function CardPager({ page }: { page: { page: number; pageCount: number; total: number } }) {
  return (
    <div className="px-4 pb-3">
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} />
    </div>
  );
}
