import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { Page } from '../api';
import { ErrorMessage } from './ErrorMessage';

export const DEFAULT_PAGE_SIZE = 25;

/** Loads one page: `after` is the previous page's `next` cursor (null for the first). */
export type PageLoader<T> = (after: string | null, limit: number, signal: AbortSignal) => Promise<Page<T>>;

export interface Paged<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: unknown;
  /** 1-based. */
  readonly pageNumber: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
  nextPage(): void;
  previousPage(): void;
  /** Reads the current page again (after a write). */
  reload(): void;
}

/**
 * One page at a time of a cursor-paged list (`limit` + `after`, answered `{items, next}`).
 * Keeps the cursors seen so Previous works; starts over at page 1 when `loader` changes
 * (wrap it in useCallback with the filters it depends on).
 */
export function usePaged<T>(loader: PageLoader<T>, limit: number = DEFAULT_PAGE_SIZE): Paged<T> {
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const [index, setIndex] = useState(0);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [seenLoader, setSeenLoader] = useState(() => loader);

  // A new loader (other filters, another organization) starts over at the first page.
  if (seenLoader !== loader) {
    setSeenLoader(() => loader);
    setCursors([null]);
    setIndex(0);
  }

  const after = cursors[index] ?? null;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loader(after, limit, controller.signal)
      .then((answer) => {
        setPage(answer);
        setError(null);
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setPage(null);
        setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [loader, after, limit, generation]);

  const next = page?.next ?? null;
  const nextPage = useCallback(() => {
    if (next === null) return;
    setCursors((known) => [...known.slice(0, index + 1), next]);
    setIndex((i) => i + 1);
  }, [next, index]);
  const previousPage = useCallback(() => setIndex((i) => Math.max(0, i - 1)), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    items: page?.items ?? [],
    loading,
    error,
    pageNumber: index + 1,
    hasNext: next !== null,
    hasPrevious: index > 0,
    nextPage,
    previousPage,
    reload,
  };
}

/** Previous / Next for a paged list; hidden when everything fits on one page. */
export function Pager({ paged, label }: { paged: Paged<unknown>; label: string }) {
  if (!paged.hasNext && !paged.hasPrevious) return null;
  return (
    <nav className="pager" aria-label={`Pages of ${label}`}>
      <button type="button" onClick={paged.previousPage} disabled={!paged.hasPrevious || paged.loading}>
        Previous
      </button>
      <span aria-live="polite">Page {paged.pageNumber}</span>
      <button type="button" onClick={paged.nextPage} disabled={!paged.hasNext || paged.loading}>
        Next
      </button>
    </nav>
  );
}

export interface Column<T> {
  readonly header: string;
  readonly cell: (item: T) => ReactNode;
}

interface PaginatedTableProps<T> {
  readonly paged: Paged<T>;
  /** The table's caption and the pager's label: "Projects of acme". */
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rowKey: (item: T) => string;
  /** Shown instead of an empty table. */
  readonly empty: ReactNode;
}

/** Items as a table, one column per `columns` entry; on phones each row becomes a card labelled by the headers. */
export function ColumnsTable<T>({
  items,
  caption,
  columns,
  rowKey,
}: {
  items: readonly T[];
  caption: ReactNode;
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
}) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={rowKey(item)}>
              {columns.map((column) => (
                <td key={column.header} data-label={column.header}>
                  {column.cell(item)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A paged list as a table, with its loading state, its error in words, and the pager. */
export function PaginatedTable<T>({ paged, caption, columns, rowKey, empty }: PaginatedTableProps<T>) {
  return (
    <div className="paginated" aria-busy={paged.loading}>
      <ErrorMessage error={paged.error} />
      {paged.error === null && !paged.loading && paged.items.length === 0 ? <p className="empty">{empty}</p> : null}
      {paged.items.length > 0 ? (
        <ColumnsTable items={paged.items} caption={caption} columns={columns} rowKey={rowKey} />
      ) : null}
      {paged.loading && paged.items.length === 0 ? <p className="loading">Loading…</p> : null}
      <Pager paged={paged as Paged<unknown>} label={caption} />
    </div>
  );
}
