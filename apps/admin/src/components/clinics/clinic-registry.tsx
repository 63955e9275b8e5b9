'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Card } from '@eventora/ui/card';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@eventora/ui/table';
import { useDebounced } from '@eventora/ui/use-debounced';
import { LoadError } from '@eventora/ui/load-error';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';

import { BillingBadge, ClinicStatusBadge, ModeBadge } from '~/components/badges';
import { LoadingRows } from '~/components/states';
import { PAGINATION, ROW_LINK, TOOLBAR } from '~/lib/styles';
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
    <TableHead
      className={className}
      aria-sort={active ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="hover:text-foreground inline-flex items-center gap-1 uppercase"
        onClick={() => onSort(column)}
      >
        {label}
        <span aria-hidden="true">{active ? (query.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </TableHead>
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
      <div className={TOOLBAR} role="search">
        <label className="flex-[1_1_220px]">
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
          <NativeSelect
            className="min-w-36"
            value={query.mode}
            onChange={(event) => update({ mode: pick(MODES, event.target.value) })}
          >
            <option value="">All modes</option>
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label>
          Status
          <NativeSelect
            className="min-w-36"
            value={query.status}
            onChange={(event) => update({ status: pick(STATUSES, event.target.value) })}
          >
            <option value="">All statuses</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </NativeSelect>
        </label>
        {filtered ? (
          <Button variant="ghost" onClick={() => update({ search: '', mode: '', status: '' })}>
            Clear filters
          </Button>
        ) : null}
      </div>

      {clinics.isError && !clinics.data ? (
        <LoadError error={clinics.error} onRetry={() => void clinics.refetch()} />
      ) : (
        <Card className="py-0" aria-busy={clinics.isFetching}>
          <Table className="tabular-nums">
            <TableCaption className="sr-only">
              Clinics, sorted by {query.sort}{' '}
              {query.direction === 'asc' ? 'ascending' : 'descending'}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <SortHeader column="slug" label="Slug" query={query} onSort={onSort} />
                <SortHeader column="name" label="Name" query={query} onSort={onSort} />
                <SortHeader column="mode" label="Mode" query={query} onSort={onSort} />
                <SortHeader column="status" label="Status" query={query} onSort={onSort} />
                <TableHead>Billing</TableHead>
                <TableHead
                  className="text-right"
                  title="Registry version: bumped on every routing change"
                >
                  Ver.
                </TableHead>
                <TableHead className="text-right">Users</TableHead>
                <TableHead
                  className="text-right"
                  title="Reservations held in the last 30 days (not cancelled)"
                >
                  Res. 30d
                </TableHead>
                <TableHead className="text-right" title="Approximate size of the clinic's data">
                  Size
                </TableHead>
                <SortHeader
                  column="createdAt"
                  label="Created"
                  query={query}
                  onSort={onSort}
                  className="hidden md:table-cell"
                />
              </TableRow>
            </TableHeader>
            <TableBody>
              {clinics.isPending ? (
                <LoadingRows columns={COLUMNS} />
              ) : clinics.data.items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={COLUMNS}>
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
                  </TableCell>
                </TableRow>
              ) : (
                clinics.data.items.map((clinic) => (
                  <TableRow key={clinic.id}>
                    <TableCell>
                      <Link className={ROW_LINK} href={`/clinics/${clinic.id}`}>
                        {clinic.slug}
                      </Link>
                    </TableCell>
                    <TableCell>{clinic.name}</TableCell>
                    <TableCell>
                      <ModeBadge mode={clinic.mode} />
                    </TableCell>
                    <TableCell>
                      <ClinicStatusBadge
                        status={clinic.status}
                        onboardingState={clinic.onboardingState}
                      />
                    </TableCell>
                    <TableCell>
                      <BillingBadge status={clinic.billingStatus} />
                    </TableCell>
                    <TableCell className="text-right">{clinic.routingVersion}</TableCell>
                    <TableCell className="text-right">{formatCount(clinic.usage?.users)}</TableCell>
                    <TableCell className="text-right">
                      {formatCount(clinic.usage?.reservationsLast30Days)}
                    </TableCell>
                    <TableCell className="text-right">
                      {formatBytes(clinic.usage?.approximateBytes)}
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      {clinic.createdAt.toISOString().slice(0, 10)}
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </Card>
      )}

      <div className={PAGINATION}>
        <span aria-live="polite">
          {clinics.data
            ? total === 0
              ? 'No clinics'
              : `${(query.page - 1) * PAGE_SIZE + 1}–${Math.min(query.page * PAGE_SIZE, total)} of ${formatCount(total)} clinics`
            : ' '}
          {clinics.isFetching && clinics.data ? ' · refreshing…' : ''}
        </span>
        <div className="flex items-center gap-2">
          <Button
            size="sm"
            variant="outline"
            disabled={query.page <= 1}
            onClick={() => setQuery((current) => ({ ...current, page: current.page - 1 }))}
          >
            Previous
          </Button>
          <span>
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
      <p className="text-muted-foreground mt-2 text-sm">
        Figures of suspended or provisioning clinics are not read (—).
      </p>
    </section>
  );
}
