import type { ComponentChildren } from 'preact';
import { records } from '../lib/format';

export interface Column<T> {
  key: string;
  label: string;
  /** The API sort field; absent: not sortable. */
  sort?: string;
  render?: (row: T) => ComponentChildren;
  className?: string;
  title?: string;
}

export interface SortState {
  sort: string | null;
  desc: boolean;
}

/** ui.md §1.3(a): the first click on a column sorts descending, the next one ascending. */
export function nextSort(state: SortState, field: string): SortState {
  return state.sort === field ? { sort: field, desc: !state.desc } : { sort: field, desc: true };
}

export function DataTable<T>(props: {
  columns: Column<T>[];
  rows: T[];
  sort?: SortState;
  onSort?: (s: SortState) => void;
  onRowClick?: (row: T) => void;
  rowKey: (row: T, index: number) => string | number;
  rowClass?: (row: T) => string;
  empty?: string;
  loading?: boolean;
}) {
  const { columns, rows, sort } = props;
  return (
    <div class="table-wrap">
      <table class={`grid ${props.onRowClick ? 'clickable' : ''} ${props.loading ? 'loading' : ''}`}>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.sort && sort?.sort === c.sort;
              return (
                <th key={c.key} class={c.className} title={c.title} aria-sort={active ? (sort!.desc ? 'descending' : 'ascending') : undefined}>
                  {c.sort && props.onSort ? (
                    <button type="button" class="sort" onClick={() => props.onSort!(nextSort(sort ?? { sort: null, desc: false }, c.sort!))}>
                      {c.label}
                      <span class="sort-icon">{active ? (sort!.desc ? '▼' : '▲') : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td class="empty" colSpan={columns.length}>
                {props.loading ? 'Загрузка…' : (props.empty ?? 'Нет таких записей')}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr
                key={props.rowKey(row, index)}
                class={props.rowClass?.(row)}
                onClick={
                  props.onRowClick
                    ? (e) => {
                        if ((e.target as HTMLElement).closest('a, button, input')) return;
                        props.onRowClick!(row);
                      }
                    : undefined
                }
              >
                {columns.map((c) => (
                  <td key={c.key} class={c.className}>
                    {c.render ? c.render(row) : String((row as Record<string, unknown>)[c.key] ?? '')}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** "1–50 из 1 234" with first/previous/next/last page buttons. */
export function Pager(props: { page: number; pageSize: number; total: number; onPage: (page: number) => void; children?: ComponentChildren }) {
  const { page, pageSize, total } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div class="pager">
      <span class="count">
        {total === 0 ? 'Нет записей' : `${from}–${to} из ${records(total)}`}
      </span>
      <button type="button" disabled={page <= 1} onClick={() => props.onPage(1)} title="Первая страница" aria-label="Первая страница">«</button>
      <button type="button" disabled={page <= 1} onClick={() => props.onPage(page - 1)} title="Предыдущая страница" aria-label="Предыдущая страница">‹</button>
      <span class="page-no">
        стр. {page} из {pages}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => props.onPage(page + 1)} title="Следующая страница" aria-label="Следующая страница">›</button>
      <button type="button" disabled={page >= pages} onClick={() => props.onPage(pages)} title="Последняя страница" aria-label="Последняя страница">»</button>
      {props.children}
    </div>
  );
}
