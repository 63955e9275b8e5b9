import type { ReactNode } from 'react';

import { LoadError } from './load-error';

/** The parts of a list query (TanStack Query's result) the states below read. */
export interface ListQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: readonly T[] | undefined;
  refetch: () => unknown;
}

/**
 * A list's four states in one place: loading placeholder, load error with retry, the empty
 * state, and the items.
 */
export function ListStates<T>({
  query,
  loading,
  empty,
  children,
}: {
  query: ListQuery<T>;
  loading: ReactNode;
  empty: ReactNode;
  children: (items: readonly T[]) => ReactNode;
}) {
  if (query.isPending) return loading;
  if (query.isError || !query.data) {
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.data.length === 0) return empty;
  return children(query.data);
}
