'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Input } from '@eventora/ui/input';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';

import { Badge } from '@eventora/ui/badge';
import { GrantStateBadge } from '~/components/badges';
import { Countdown } from '~/components/access/countdown';
import { ErrorState, LoadingBlock, LoadingRows } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { errorCode } from '~/trpc/query-client';
import { useTRPC } from '~/trpc/react';

const STATUS_VARIANT = {
  booked: 'secondary',
  completed: 'success',
  cancelled: 'outline',
  no_show: 'warning',
} as const;

function Reservations({ grantId, enabled }: { grantId: string; enabled: boolean }) {
  const trpc = useTRPC();
  // Each load is a read of the clinic's data, written to its audit log: no background refetching.
  const reservations = useQuery({
    ...trpc.admin.access.reservations.queryOptions({ grantId, limit: 50 }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
  if (reservations.isError) return <ErrorState error={reservations.error} />;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">Latest 50 reservations</caption>
        <thead>
          <tr>
            <th scope="col">Starts</th>
            <th scope="col">Status</th>
            <th scope="col">Therapist</th>
            <th scope="col">Branch</th>
            <th scope="col">Client id</th>
            <th scope="col" className="hide-sm">
              Booked
            </th>
          </tr>
        </thead>
        <tbody>
          {reservations.isPending ? (
            <LoadingRows columns={6} rows={4} />
          ) : reservations.data.items.length === 0 ? (
            <tr>
              <td colSpan={6}>
                <EmptyState title="No reservations." className="m-2 border-0 py-6" />
              </td>
            </tr>
          ) : (
            reservations.data.items.map((item) => (
              <tr key={item.id}>
                <td>{formatDateTime(item.startsAt)}</td>
                <td>
                  <Badge variant={STATUS_VARIANT[item.status]}>
                    {item.status.replace('_', ' ')}
                  </Badge>
                </td>
                <td>{item.therapistName}</td>
                <td>{item.branchName}</td>
                <td className="mono">{item.clientId.slice(0, 8)}…</td>
                <td className="hide-sm">{formatDateTime(item.createdAt)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function People({ grantId, enabled }: { grantId: string; enabled: boolean }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState('');
  const people = useQuery({
    ...trpc.admin.access.clients.queryOptions({
      grantId,
      search: submitted || undefined,
      limit: 50,
    }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
    placeholderData: keepPreviousData,
  });
  return (
    <div className="grid gap-3">
      <form
        className="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(search.trim());
        }}
      >
        <label className="grow">
          Name contains
          <Input value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <Button type="submit" variant="outline" disabled={!enabled}>
          Search
        </Button>
      </form>
      {people.isError ? (
        <ErrorState error={people.error} />
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">People of the clinic (emails masked)</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Email (masked)</th>
                <th scope="col">Since</th>
                <th scope="col">Id</th>
              </tr>
            </thead>
            <tbody>
              {people.isPending ? (
                <LoadingRows columns={5} rows={4} />
              ) : people.data.items.length === 0 ? (
                <tr>
                  <td colSpan={5}>
                    <EmptyState title="Nobody matches." className="m-2 border-0 py-6" />
                  </td>
                </tr>
              ) : (
                people.data.items.map((person) => (
                  <tr key={person.id}>
                    <td>
                      {person.name}
                      {person.disabled ? ' (disabled)' : ''}
                    </td>
                    <td>{person.role.toLowerCase()}</td>
                    <td className="mono">{person.emailHint}</td>
                    <td>{formatDateTime(person.createdAt).slice(0, 11)}</td>
                    <td className="mono">{person.id.slice(0, 8)}…</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function AccessView({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const grant = useQuery(trpc.admin.access.byId.queryOptions({ grantId }));
  const [tab, setTab] = useState('reservations');
  const [endedLocally, setEndedLocally] = useState(false);

  const onEnd = useCallback(() => {
    setEndedLocally(true);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() });
  }, [queryClient, trpc]);

  const closeAccess = useMutation(
    trpc.admin.access.close.mutationOptions({
      onSuccess: () => {
        // What was read stays out of the cache once access ends.
        queryClient.removeQueries({ queryKey: trpc.admin.access.reservations.pathKey() });
        queryClient.removeQueries({ queryKey: trpc.admin.access.clients.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() });
      },
    }),
  );

  const active = grant.data?.state === 'active' && !endedLocally;
  useEffect(() => {
    if (grant.data && !active) {
      queryClient.removeQueries({ queryKey: trpc.admin.access.reservations.pathKey() });
      queryClient.removeQueries({ queryKey: trpc.admin.access.clients.pathKey() });
    }
  }, [active, grant.data, queryClient, trpc]);

  if (grant.isPending) return <LoadingBlock label="Loading the access grant…" height={200} />;
  if (grant.isError) {
    return (
      <ErrorState
        error={grant.error}
        title={
          errorCode(grant.error) === 'NOT_FOUND'
            ? 'No such access grant of yours.'
            : 'Could not load this access.'
        }
      />
    );
  }
  const data = grant.data;

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/clinics">Clinics</Link> /{' '}
        <Link href={`/clinics/${data.clinic.id}`} className="mono">
          {data.clinic.slug}
        </Link>{' '}
        / data access
      </nav>
      <div className="page-header">
        <div>
          <h1>{data.clinic.name}: read-only data access</h1>
          <p>Every load below is written to the clinic’s own audit log with your reason.</p>
        </div>
      </div>

      <div
        className={active ? 'access-banner' : 'access-banner ended'}
        role="region"
        aria-label="Access status"
      >
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <GrantStateBadge
              state={active ? 'active' : data.state === 'active' ? 'expired' : data.state}
            />
            <strong>Reason:</strong> <span>{data.reason}</span>
          </div>
          <span className="hint">
            Opened {formatDateTime(data.createdAt)} · {active ? 'ends' : 'ended'}{' '}
            {formatDateTime(data.closedAt ?? data.expiresAt)}
          </span>
        </div>
        {active ? (
          <div className="flex items-center gap-3">
            <span className="text-sm">Ends in</span>
            <Countdown until={data.expiresAt} onEnd={onEnd} className="countdown countdown-lg" />
            <Button
              variant="outline"
              onClick={() => closeAccess.mutate({ grantId })}
              loading={closeAccess.isPending}
            >
              End access now
            </Button>
          </div>
        ) : (
          <Button variant="outline" asChild>
            <Link href={`/clinics/${data.clinic.id}`}>Back to the clinic</Link>
          </Button>
        )}
      </div>

      {!active ? (
        <Alert className="mb-4">
          <AlertTitle>This access has ended</AlertTitle>
          <AlertDescription>
            Nothing more can be read with it. To look again, open a new access from the clinic’s
            page, with its reason.
          </AlertDescription>
        </Alert>
      ) : (
        <Tabs value={tab} onValueChange={setTab}>
          <TabsList>
            <TabsTrigger value="reservations">Reservations</TabsTrigger>
            <TabsTrigger value="people">People</TabsTrigger>
          </TabsList>
          <TabsContent value="reservations">
            <Reservations grantId={grantId} enabled={active && tab === 'reservations'} />
          </TabsContent>
          <TabsContent value="people">
            <People grantId={grantId} enabled={active && tab === 'people'} />
          </TabsContent>
        </Tabs>
      )}
    </>
  );
}
