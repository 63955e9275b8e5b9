'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Card } from '@eventora/ui/card';
import { cn } from '@eventora/ui/cn';
import { errorCode } from '@eventora/ui/error-message';
import { Input } from '@eventora/ui/input';
import { LoadError } from '@eventora/ui/load-error';
import { PageHeader } from '@eventora/ui/page-header';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@eventora/ui/table';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';

import { GrantStateBadge } from '~/components/badges';
import { Breadcrumb } from '~/components/breadcrumb';
import { LoadingBlock, LoadingRows } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { TOOLBAR } from '~/lib/styles';
import { useTRPC } from '~/trpc/react';
import { Countdown } from './countdown';

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
  if (reservations.isError)
    return <LoadError error={reservations.error} onRetry={() => void reservations.refetch()} />;
  return (
    <Card className="py-0">
      <Table>
        <TableCaption className="sr-only">Latest 50 reservations</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Starts</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Therapist</TableHead>
            <TableHead>Branch</TableHead>
            <TableHead>Client id</TableHead>
            <TableHead className="hidden md:table-cell">Booked</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {reservations.isPending ? (
            <LoadingRows columns={6} rows={4} />
          ) : reservations.data.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6}>
                <EmptyState title="No reservations." className="m-2 border-0 py-6" />
              </TableCell>
            </TableRow>
          ) : (
            reservations.data.items.map((item) => (
              <TableRow key={item.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(item.startsAt)}</TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[item.status]}>
                    {item.status.replace('_', ' ')}
                  </Badge>
                </TableCell>
                <TableCell>{item.therapistName}</TableCell>
                <TableCell>{item.branchName}</TableCell>
                <TableCell className="font-mono">{item.clientId.slice(0, 8)}…</TableCell>
                <TableCell className="hidden whitespace-nowrap md:table-cell">
                  {formatDateTime(item.createdAt)}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </Card>
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
        className={TOOLBAR}
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(search.trim());
        }}
      >
        <label className="flex-[1_1_220px]">
          Name contains
          <Input value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <Button type="submit" variant="outline" disabled={!enabled}>
          Search
        </Button>
      </form>
      {people.isError ? (
        <LoadError error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableCaption className="sr-only">People of the clinic (emails masked)</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Email (masked)</TableHead>
                <TableHead>Since</TableHead>
                <TableHead>Id</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {people.isPending ? (
                <LoadingRows columns={5} rows={4} />
              ) : people.data.items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5}>
                    <EmptyState title="Nobody matches." className="m-2 border-0 py-6" />
                  </TableCell>
                </TableRow>
              ) : (
                people.data.items.map((person) => (
                  <TableRow key={person.id}>
                    <TableCell>
                      {person.name}
                      {person.disabled ? ' (disabled)' : ''}
                    </TableCell>
                    <TableCell>{person.role.toLowerCase()}</TableCell>
                    <TableCell className="font-mono">{person.emailHint}</TableCell>
                    <TableCell>{formatDateTime(person.createdAt).slice(0, 11)}</TableCell>
                    <TableCell className="font-mono">{person.id.slice(0, 8)}…</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </Card>
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
    return errorCode(grant.error) === 'NOT_FOUND' ? (
      <EmptyState
        title="No such access grant of yours."
        action={
          <Button variant="outline" asChild>
            <Link href="/clinics">Back to the clinics</Link>
          </Button>
        }
      />
    ) : (
      <LoadError error={grant.error} onRetry={() => void grant.refetch()} />
    );
  }
  const data = grant.data;

  return (
    <>
      <Breadcrumb
        items={[
          { label: 'Clinics', href: '/clinics' },
          {
            label: <span className="font-mono">{data.clinic.slug}</span>,
            href: `/clinics/${data.clinic.id}`,
          },
          { label: 'data access' },
        ]}
      />
      <PageHeader
        title={`${data.clinic.name}: read-only data access`}
        description="Every load below is written to the clinic’s own audit log with your reason."
      />

      <div
        className={cn(
          'mb-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2.5 rounded-xl border px-4 py-3',
          active ? 'border-warning/45 bg-warning/15' : 'bg-muted',
        )}
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
          <span className="text-muted-foreground text-sm">
            Opened {formatDateTime(data.createdAt)} · {active ? 'ends' : 'ended'}{' '}
            {formatDateTime(data.closedAt ?? data.expiresAt)}
          </span>
        </div>
        {active ? (
          <div className="flex items-center gap-3">
            <span className="text-sm">Ends in</span>
            <Countdown
              until={data.expiresAt}
              onEnd={onEnd}
              className="text-2xl font-bold tabular-nums"
            />
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
