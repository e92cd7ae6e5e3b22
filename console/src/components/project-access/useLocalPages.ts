import { useCallback, useMemo, useState } from 'react';
import type { Paged } from '../Paginated';

/**
 * A list the API answers whole (a project's access page), shown a page at a time so long lists
 * stay readable; it fits the shared Pager and PaginatedTable.
 */
export function useLocalPages<T>(
  all: readonly T[],
  state: { loading: boolean; error: unknown; reload: () => void },
  pageSize: number,
): Paged<T> {
  const [index, setIndex] = useState(0);
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  // A shorter list (after a removal) keeps the page shown within range.
  const shown = Math.min(index, pageCount - 1);
  const items = useMemo(() => all.slice(shown * pageSize, (shown + 1) * pageSize), [all, shown, pageSize]);
  const nextPage = useCallback(() => setIndex(Math.min(shown + 1, pageCount - 1)), [shown, pageCount]);
  const previousPage = useCallback(() => setIndex(Math.max(0, shown - 1)), [shown]);
  return {
    items,
    loading: state.loading,
    error: state.error,
    pageNumber: shown + 1,
    hasNext: shown < pageCount - 1,
    hasPrevious: shown > 0,
    nextPage,
    previousPage,
    reload: state.reload,
  };
}
