import { type ReactNode, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { type Query, readAllPages } from '../api';
import { ErrorMessage } from './ErrorMessage';
import { DEFAULT_PAGE_SIZE } from './Paginated';
import './DataTable.css';

/** One column of a DataTable. */
export interface DataColumn<T> {
  /** Stable key (the column picker and the sort remember it). */
  readonly key: string;
  readonly header: string;
  readonly cell: (item: T) => ReactNode;
  /** What the column sorts by; a column without it is not sortable. */
  readonly sortValue?: (item: T) => string | number;
  /** Numbers (counts): aligned right, sorted highest first on the first click. */
  readonly numeric?: boolean;
  /** Hidden until chosen in the column picker. */
  readonly hidden?: boolean;
  /** Always shown: the picker does not offer to hide it (the row's name). */
  readonly required?: boolean;
}

type Direction = 'ascending' | 'descending';

interface DataTableProps<T> {
  readonly items: readonly T[];
  /** The caption and the name of its scroll region and pager: "Invitations of acme". */
  readonly caption: string;
  readonly columns: readonly DataColumn<T>[];
  readonly rowKey: (item: T) => string;
  /** Shown instead of an empty table. */
  readonly empty: ReactNode;
  readonly loading?: boolean;
  readonly error?: unknown;
  /** The column sorted first, and how. */
  readonly initialSort?: { readonly key: string; readonly direction: Direction };
  readonly pageSize?: number;
  /** Offers a "Columns" picker (for wide tables). */
  readonly columnPicker?: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** "1–25 of 36": the rows shown and the total. */
export function rangeText(start: number, shown: number, total: number): string {
  if (total === 0) return '0 of 0';
  return `${start + 1}–${start + shown} of ${total}`;
}

/**
 * A whole list as a table: sorting by any column with a sort value (click a header; aria-sort says
 * how), the total and the rows shown ("1–25 of 36"), Previous/Next, and a column picker for wide
 * rows. The scroll region is focusable, so a keyboard can scroll it.
 */
export function DataTable<T>({
  items,
  caption,
  columns,
  rowKey,
  empty,
  loading = false,
  error = null,
  initialSort,
  pageSize = DEFAULT_PAGE_SIZE,
  columnPicker = false,
}: DataTableProps<T>) {
  const id = useId();
  const [sort, setSort] = useState(initialSort ?? null);
  const [start, setStart] = useState(0);
  const [shownKeys, setShownKeys] = useState<ReadonlySet<string>>(
    () => new Set(columns.filter((c) => c.hidden !== true).map((c) => c.key)),
  );

  const sorted = useMemo(() => {
    const column = sort === null ? undefined : columns.find((c) => c.key === sort.key);
    if (column?.sortValue === undefined || sort === null) return items;
    const value = column.sortValue;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...items].sort((a, b) => sign * compare(value(a), value(b)));
  }, [items, columns, sort]);

  // A shorter list (a filter, a revoke) never leaves the page past its end.
  const lastStart = Math.max(0, Math.floor((sorted.length - 1) / pageSize) * pageSize);
  const from = Math.min(start, lastStart);
  const rows = sorted.slice(from, from + pageSize);
  const visible = columns.filter((c) => c.required === true || shownKeys.has(c.key));

  const sortBy = (column: DataColumn<T>) => {
    setStart(0);
    setSort((current) =>
      current?.key === column.key
        ? { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key: column.key, direction: column.numeric === true ? 'descending' : 'ascending' },
    );
  };
  const toggle = (key: string) =>
    setShownKeys((keys) => {
      const next = new Set(keys);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const range = rangeText(from, rows.length, sorted.length);
  return (
    <div className="paginated data-table" aria-busy={loading}>
      <ErrorMessage error={error} />
      {columnPicker ? (
        <details className="column-picker">
          <summary>Columns</summary>
          <fieldset>
            <legend>Columns shown in {caption}</legend>
            {columns
              .filter((c) => c.required !== true)
              .map((c) => (
                <label key={c.key}>
                  <input type="checkbox" checked={shownKeys.has(c.key)} onChange={() => toggle(c.key)} /> {c.header}
                </label>
              ))}
          </fieldset>
        </details>
      ) : null}
      {error === null && !loading && items.length === 0 ? <p className="empty">{empty}</p> : null}
      {items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll region must be reachable by keyboard (axe: scrollable-region-focusable)
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table>
            <caption id={`${id}-caption`}>{caption}</caption>
            <thead>
              <tr>
                {visible.map((column) => {
                  const direction = sort?.key === column.key ? sort.direction : undefined;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={column.numeric === true ? 'numeric' : undefined}
                      {...(direction === undefined ? {} : { 'aria-sort': direction })}
                    >
                      {column.sortValue === undefined ? (
                        column.header
                      ) : (
                        <button type="button" className="sort" onClick={() => sortBy(column)}>
                          {column.header}
                          <span aria-hidden="true">
                            {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                          </span>
                        </button>
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={rowKey(item)}>
                  {visible.map((column) => (
                    <td
                      key={column.key}
                      data-label={column.header}
                      className={column.numeric === true ? 'numeric' : undefined}
                    >
                      {column.cell(item)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {loading && items.length === 0 ? <p className="loading">Loading…</p> : null}
      {items.length > 0 ? (
        <nav className="pager" aria-label={`Pages of ${caption}`}>
          <button type="button" onClick={() => setStart(Math.max(0, from - pageSize))} disabled={from === 0}>
            Previous
          </button>
          <span aria-live="polite" data-testid="range">
            {range}
          </span>
          <button type="button" onClick={() => setStart(from + pageSize)} disabled={from + pageSize >= sorted.length}>
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}

export interface AllPages<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: unknown;
  reload(): void;
}

/**
 * Every item of a cursor-paged list endpoint, for a DataTable (which sorts and counts the whole
 * list). `maxItems` bounds the read; pass a stable `query` (useMemo).
 */
export function useAllPages<T>(path: string | null, query: Query, maxItems = 5_000): AllPages<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    readAllPages<T>(path, query, controller.signal, { pageSize: 500, maxPages: Math.ceil(maxItems / 500) })
      .then((all) => {
        setItems(all);
        setError(null);
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setItems([]);
        setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, query, maxItems, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, loading, error, reload };
}
