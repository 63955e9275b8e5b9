'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Input } from '@eventora/ui/input';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';

import { ErrorState, LoadingRows } from '~/components/states';
import { formatDateTime } from '~/lib/format';
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
      <div className="toolbar" role="search">
        <label>
          Operator
          <select
            className="native-select"
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
          </select>
        </label>
        <label>
          Clinic
          <select
            className="native-select"
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
          </select>
        </label>
        <label className="grow">
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
        <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <div className="table-wrap" aria-busy={entries.isFetching}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Operator</th>
                <th scope="col">Action</th>
                <th scope="col">Clinic</th>
                <th scope="col">Reason</th>
                <th scope="col" className="hide-sm">
                  IP
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.isPending ? (
                <LoadingRows columns={6} />
              ) : items.length === 0 ? (
                <tr>
                  <td colSpan={6}>
                    <EmptyState
                      className="m-2 border-0 py-6"
                      title={
                        filtered ? 'No entry matches these filters.' : 'No operator action yet.'
                      }
                    />
                  </td>
                </tr>
              ) : (
                items.map((entry) => {
                  const clinic = entry.targetClinicId
                    ? clinicById.get(entry.targetClinicId)
                    : undefined;
                  return (
                    <tr key={entry.id}>
                      <td>{formatDateTime(entry.createdAt).replace(' UTC', '')}</td>
                      <td>
                        {entry.operatorId
                          ? (operatorById.get(entry.operatorId)?.email ??
                            entry.operatorId.slice(0, 8))
                          : '—'}
                      </td>
                      <td className="mono">{entry.action}</td>
                      <td>
                        {entry.targetClinicId ? (
                          <Link className="row-link mono" href={`/clinics/${entry.targetClinicId}`}>
                            {clinic?.slug ?? `${entry.targetClinicId.slice(0, 8)}…`}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="wrap">{entry.reason ?? '—'}</td>
                      <td className="hide-sm mono">{entry.ip ?? '—'}</td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      )}
      <div className="pagination">
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
