'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Card } from '@eventora/ui/card';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { LoadError } from '@eventora/ui/load-error';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';

import { LoadingRows } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { PAGINATION, ROW_LINK, TOOLBAR } from '~/lib/styles';
import { useTRPC } from '~/trpc/react';

interface Filters {
  operatorId: string;
  clinicId: string;
  action: string;
}

const ACTIONS = [
  'platform.sign_in',
  'platform.sign_out',
  'clinic.create',
  'clinic.retry_provisioning',
  'clinic.discard',
  'clinic.update',
  'clinic.suspend',
  'clinic.reactivate',
  'clinic.access_open',
  'clinic.access_close',
];

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export function AuditLog({ initial }: { initial: Filters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({
    operatorId: isUuid(initial.operatorId) ? initial.operatorId : '',
    clinicId: isUuid(initial.clinicId) ? initial.clinicId : '',
    action: initial.action.slice(0, 100),
  });
  const [action, setAction] = useState(filters.action);

  useEffect(() => {
    const params = new URLSearchParams();
    if (filters.operatorId) params.set('operator', filters.operatorId);
    if (filters.clinicId) params.set('clinic', filters.clinicId);
    if (filters.action) params.set('action', filters.action);
    const text = params.toString();
    window.history.replaceState(null, '', `/audit${text ? `?${text}` : ''}`);
  }, [filters]);

  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((current) => ({ ...current, action: action.trim() })),
      300,
    );
    return () => clearTimeout(timer);
  }, [action]);

  const operators = useQuery(trpc.admin.audit.operators.queryOptions());
  const clinics = useQuery(trpc.admin.clinic.list.queryOptions({ pageSize: 100, sort: 'slug' }));
  const clinicById = new Map((clinics.data?.items ?? []).map((clinic) => [clinic.id, clinic]));
  const operatorById = new Map(
    (operators.data?.items ?? []).map((operator) => [operator.id, operator]),
  );

  const entries = useInfiniteQuery(
    trpc.admin.audit.list.infiniteQueryOptions(
      {
        operatorId: filters.operatorId || undefined,
        clinicId: filters.clinicId || undefined,
        action: filters.action || undefined,
        limit: 50,
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.operatorId || filters.clinicId || filters.action);

  return (
    <section aria-label="Audit entries">
      <div className={TOOLBAR} role="search">
        <label>
          Operator
          <NativeSelect
            className="min-w-36"
            value={filters.operatorId}
            onChange={(event) =>
              setFilters((current) => ({ ...current, operatorId: event.target.value }))
            }
          >
            <option value="">Any operator</option>
            {operators.data?.items.map((operator) => (
              <option key={operator.id} value={operator.id}>
                {operator.email}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label>
          Clinic
          <NativeSelect
            className="min-w-36"
            value={filters.clinicId}
            onChange={(event) =>
              setFilters((current) => ({ ...current, clinicId: event.target.value }))
            }
          >
            <option value="">Any clinic</option>
            {filters.clinicId && !clinicById.has(filters.clinicId) ? (
              <option value={filters.clinicId}>{filters.clinicId.slice(0, 8)}…</option>
            ) : null}
            {clinics.data?.items.map((clinic) => (
              <option key={clinic.id} value={clinic.id}>
                {clinic.slug}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="flex-[1_1_220px]">
          Action (starts with)
          <Input
            list="audit-actions"
            value={action}
            placeholder="clinic.suspend, clinic.access…"
            onChange={(event) => setAction(event.target.value)}
          />
          <datalist id="audit-actions">
            {ACTIONS.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              setAction('');
              setFilters({ operatorId: '', clinicId: '', action: '' });
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>

      {entries.isError && items.length === 0 ? (
        <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Card className="py-0" aria-busy={entries.isFetching}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When (UTC)</TableHead>
                <TableHead>Operator</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Clinic</TableHead>
                <TableHead>Reason</TableHead>
                <TableHead className="hidden md:table-cell">IP</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.isPending ? (
                <LoadingRows columns={6} />
              ) : items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={6}>
                    <EmptyState
                      className="m-2 border-0 py-6"
                      title={
                        filtered ? 'No entry matches these filters.' : 'No operator action yet.'
                      }
                    />
                  </TableCell>
                </TableRow>
              ) : (
                items.map((entry) => {
                  const clinic = entry.targetClinicId
                    ? clinicById.get(entry.targetClinicId)
                    : undefined;
                  return (
                    <TableRow key={entry.id}>
                      <TableCell className="whitespace-nowrap">
                        {formatDateTime(entry.createdAt).replace(' UTC', '')}
                      </TableCell>
                      <TableCell>
                        {entry.operatorId
                          ? (operatorById.get(entry.operatorId)?.email ??
                            entry.operatorId.slice(0, 8))
                          : '—'}
                      </TableCell>
                      <TableCell className="font-mono">{entry.action}</TableCell>
                      <TableCell>
                        {entry.targetClinicId ? (
                          <Link className={ROW_LINK} href={`/clinics/${entry.targetClinicId}`}>
                            {clinic?.slug ?? `${entry.targetClinicId.slice(0, 8)}…`}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                      <TableCell className="min-w-56">{entry.reason ?? '—'}</TableCell>
                      <TableCell className="hidden font-mono md:table-cell">
                        {entry.ip ?? '—'}
                      </TableCell>
                    </TableRow>
                  );
                })
              )}
            </TableBody>
          </Table>
        </Card>
      )}
      <div className={PAGINATION}>
        <span>{items.length > 0 ? `${items.length} entries shown` : ''}</span>
        {entries.hasNextPage ? (
          <Button
            variant="outline"
            size="sm"
            onClick={() => void entries.fetchNextPage()}
            loading={entries.isFetchingNextPage}
          >
            Load older entries
          </Button>
        ) : null}
      </div>
    </section>
  );
}
