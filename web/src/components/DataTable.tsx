import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rowSortingFeature, tableFeatures, useTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table';

export const tableFeatureSet = tableFeatures({ rowSortingFeature });
export type Column<T extends RowData> = ColumnDef<typeof tableFeatureSet, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A server-side sorted table (TanStack Table in manual mode). Sortable headers are buttons with
 * aria-sort; a row can be opened with Enter when `onOpen` is given (its first cell usually holds a
 * link as well, so keyboard users can Tab to it).
 */
export function DataTable<T extends RowData>({ data, columns, sorting, onSortingChange, onOpen, caption, testId, rowKey }: {
  data: T[];
  columns: Column<T>[];
  sorting?: SortingState;
  onSortingChange?: (s: SortingState) => void;
  onOpen?: (row: T) => void;
  caption: ReactNode;
  testId?: string;
  rowKey: (row: T) => string;
}) {
  const { t } = useTranslation();
  const state = useMemo(() => ({ sorting: sorting ?? [] }), [sorting]);
  const table = useTable({
    features: tableFeatureSet,
    columns,
    data,
    getRowId: (row: T) => rowKey(row),
    manualSorting: true,
    enableSortingRemoval: false,
    state,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(state.sorting) : updater;
      onSortingChange?.(next);
    },
  });
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const sortable = h.column.getCanSort() && !!onSortingChange;
                return (
                  <th key={h.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className={(h.column.columnDef.meta as { className?: string } | undefined)?.className}>
                    {h.isPlaceholder ? null : sortable ? (
                      <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}
                        title={t('table.sortBy')}>
                        <table.FlexRender header={h} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}</span>
                      </button>
                    ) : <table.FlexRender header={h} />}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}
              tabIndex={onOpen ? 0 : undefined}
              className={onOpen ? 'clickable' : undefined}
              onKeyDown={onOpen ? (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(row.original); } : undefined}
              onDoubleClick={onOpen ? () => onOpen(row.original) : undefined}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={(cell.column.columnDef.meta as { className?: string } | undefined)?.className}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Page navigation. `exact` false means more rows match than the server counted (`total` is a lower
 * bound): the page count is unknown and "next" stays available while pages come back full (`rows`).
 */
export function Pager({ page, pageSize, total, exact = true, rows, onPage }: {
  page: number; pageSize: number; total: number; exact?: boolean; rows?: number; onPage: (p: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const last = exact ? page >= pages : rows !== undefined && rows < pageSize;
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <nav className="pager" aria-label={t('table.pagination')} data-total={total} data-total-exact={exact}>
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('table.previous')}</button>
      <span aria-live="polite">{exact
        ? t('table.pageOf', { page: fmt(page), pages: fmt(pages), total: fmt(total) })
        : t('table.pageOfAtLeast', { page: fmt(page), total: fmt(total) })}</span>
      <button type="button" className="btn btn-small" disabled={last} onClick={() => onPage(page + 1)}>{t('table.next')}</button>
    </nav>
  );
}
