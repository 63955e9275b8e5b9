'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { errorCode } from '@eventora/ui/error-message';
import { LoadError } from '@eventora/ui/load-error';
import { PageHeader } from '@eventora/ui/page-header';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import Link from 'next/link';
import { useState } from 'react';

import { Breadcrumb } from '~/components/breadcrumb';
import { LoadingBlock } from '~/components/states';
import { AccessPeople } from './access-people';
import { AccessReservations } from './access-reservations';
import { AccessStatus } from './access-status';
import { useAccessGrant } from './use-access-grant';

export function AccessView({ grantId }: { grantId: string }) {
  const { grant, active, onEnd, close } = useAccessGrant(grantId);
  const [tab, setTab] = useState('reservations');

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
      <AccessStatus
        grant={data}
        active={active}
        onEnd={onEnd}
        onClose={() => close.mutate({ grantId })}
        closing={close.isPending}
      />

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
            <AccessReservations grantId={grantId} enabled={active && tab === 'reservations'} />
          </TabsContent>
          <TabsContent value="people">
            <AccessPeople grantId={grantId} enabled={active && tab === 'people'} />
          </TabsContent>
        </Tabs>
      )}
    </>
  );
}
