'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Input } from '@eventora/ui/input';
import { useDebounced } from '@eventora/ui/use-debounced';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';

import { BillingBadge, ClinicStatusBadge, ModeBadge } from '~/components/badges';
import { ErrorState, LoadingRows } from '~/components/states';
import { formatBytes, formatCount } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import {
  MODES,
  PAGE_SIZE,
  pick,
  STATUSES,
  toSearch,
  type RegistryQuery,
  type Sort,
} from './registry-query';

function SortHeader({
  column,
  label,
  query,
  onSort,
  className,
}: {
  column: Sort;
  label: string;
  query: RegistryQuery;
  onSort: (column: Sort) => void;
  className?: string;
}) {
  const active = query.sort === column;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (query.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
}

const COLUMNS = 10;

export function ClinicRegistry({ initial }: { initial: RegistryQuery }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState(initial);
  const search = useDebounced(query.search.trim(), 250);

  useEffect(() => {
    window.history.replaceState(null, '', `/clinics${toSearch(query)}`);
  }, [query]);

  const clinics = useQuery({
    ...trpc.admin.clinic.list.queryOptions({
      search: search || undefined,
      mode: query.mode || undefined,
      status: query.status || undefined,
      sort: query.sort,
      direction: query.direction,
      page: query.page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  const update = (change: Partial<RegistryQuery>) =>
    setQuery((current) => ({ ...current, page: 1, ...change }));
  const onSort = (column: Sort) =>
    update({
      sort: column,
      direction: query.sort === column && query.direction === 'asc' ? 'desc' : 'asc',
    });

  const total = clinics.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(search || query.mode || query.status);

  return (
    <section aria-labelledby="registry-title">
      <h2 id="registry-title" className="sr-only">
        Clinic registry
      </h2>
      <div className="toolbar" role="search">
        <label className="grow">
          Search
          <Input
            type="search"
            placeholder="Slug or name"
            value={query.search}
            onChange={(event) => update({ search: event.target.value })}
          />
        </label>
        <label>
          Mode
          <select
            className="native-select"
            value={query.mode}
            onChange={(event) => update({ mode: pick(MODES, event.target.value) })}
          >
            <option value="">All modes</option>
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            className="native-select"
            value={query.status}
            onChange={(event) => update({ status: pick(STATUSES, event.target.value) })}
          >
            <option value="">All statuses</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        {filtered ? (
          <Button variant="ghost" onClick={() => update({ search: '', mode: '', status: '' })}>
            Clear filters
          </Button>
        ) : null}
      </div>

      {clinics.isError && !clinics.data ? (
        <ErrorState
          error={clinics.error}
          title="Could not load the clinics."
          onRetry={() => void clinics.refetch()}
        />
      ) : (
        <div className="table-wrap" aria-busy={clinics.isFetching}>
          <table className="data">
            <caption className="sr-only">
              Clinics, sorted by {query.sort}{' '}
              {query.direction === 'asc' ? 'ascending' : 'descending'}
            </caption>
            <thead>
              <tr>
                <SortHeader column="slug" label="Slug" query={query} onSort={onSort} />
                <SortHeader column="name" label="Name" query={query} onSort={onSort} />
                <SortHeader column="mode" label="Mode" query={query} onSort={onSort} />
                <SortHeader column="status" label="Status" query={query} onSort={onSort} />
                <th scope="col">Billing</th>
                <th
                  scope="col"
                  className="num"
                  title="Registry version: bumped on every routing change"
                >
                  Ver.
                </th>
                <th scope="col" className="num">
                  Users
                </th>
                <th
                  scope="col"
                  className="num"
                  title="Reservations held in the last 30 days (not cancelled)"
                >
                  Res. 30d
                </th>
                <th scope="col" className="num" title="Approximate size of the clinic's data">
                  Size
                </th>
                <SortHeader
                  column="createdAt"
                  label="Created"
                  query={query}
                  onSort={onSort}
                  className="hide-sm"
                />
              </tr>
            </thead>
            <tbody>
              {clinics.isPending ? (
                <LoadingRows columns={COLUMNS} />
              ) : clinics.data.items.length === 0 ? (
                <tr>
                  <td colSpan={COLUMNS}>
                    {filtered ? (
                      <EmptyState
                        className="m-2 border-0"
                        title="No clinic matches these filters."
                        action={
                          <Button
                            size="sm"
                            variant="outline"
                            onClick={() => update({ search: '', mode: '', status: '' })}
                          >
                            Clear filters
                          </Button>
                        }
                      />
                    ) : (
                      <EmptyState
                        className="m-2 border-0"
                        title="No clinics yet."
                        action={
                          <Button size="sm" asChild>
                            <Link href="/clinics/new">Onboard the first clinic</Link>
                          </Button>
                        }
                      />
                    )}
                  </td>
                </tr>
              ) : (
                clinics.data.items.map((clinic) => (
                  <tr key={clinic.id}>
                    <td>
                      <Link className="row-link mono" href={`/clinics/${clinic.id}`}>
                        {clinic.slug}
                      </Link>
                    </td>
                    <td>{clinic.name}</td>
                    <td>
                      <ModeBadge mode={clinic.mode} />
                    </td>
                    <td>
                      <ClinicStatusBadge
                        status={clinic.status}
                        onboardingState={clinic.onboardingState}
                      />
                    </td>
                    <td>
                      <BillingBadge status={clinic.billingStatus} />
                    </td>
                    <td className="num">{clinic.routingVersion}</td>
                    <td className="num">{formatCount(clinic.usage?.users)}</td>
                    <td className="num">{formatCount(clinic.usage?.reservationsLast30Days)}</td>
                    <td className="num">{formatBytes(clinic.usage?.approximateBytes)}</td>
                    <td className="hide-sm">{clinic.createdAt.toISOString().slice(0, 10)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}

      <div className="pagination">
        <span aria-live="polite">
          {clinics.data
            ? total === 0
              ? 'No clinics'
              : `${(query.page - 1) * PAGE_SIZE + 1}–${Math.min(query.page * PAGE_SIZE, total)} of ${formatCount(total)} clinics`
            : ' '}
          {clinics.isFetching && clinics.data ? ' · refreshing…' : ''}
        </span>
        <div className="actions">
          <Button
            size="sm"
            variant="outline"
            disabled={query.page <= 1}
            onClick={() => setQuery((current) => ({ ...current, page: current.page - 1 }))}
          >
            Previous
          </Button>
          <span style={{ alignSelf: 'center' }}>
            Page {query.page} of {pages}
          </span>
          <Button
            size="sm"
            variant="outline"
            disabled={query.page >= pages}
            onClick={() => setQuery((current) => ({ ...current, page: current.page + 1 }))}
          >
            Next
          </Button>
        </div>
      </div>
      <p className="hint">Figures of suspended or provisioning clinics are not read (—).</p>
    </section>
  );
}
