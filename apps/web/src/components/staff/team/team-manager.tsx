'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { useQuery } from '@tanstack/react-query';
import { CircleAlert, UserPlus, UsersRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { InviteDialog } from './invite-dialog';
import { MemberRow } from './member-row';

/** The clinic's team with status and last sign-in; owners invite, change roles and disable. */
export function TeamManager({ viewerId }: { viewerId: string }) {
  const t = useTranslations('staff.team');
  const trpc = useTRPC();
  const team = useQuery(trpc.team.list.queryOptions());
  const [inviting, setInviting] = useState(false);
  // The last refusal (e.g. the last-owner rule), shown above the list until the next change.
  const [refusal, setRefusal] = useState<string>();
  return (
    <div className="grid gap-4">
      <div>
        <Button onClick={() => setInviting(true)}>
          <UserPlus /> {t('invite')}
        </Button>
      </div>
      {refusal ? (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertTitle>{t('refused')}</AlertTitle>
          <AlertDescription>{refusal}</AlertDescription>
        </Alert>
      ) : null}
      {team.isPending ? (
        <Skeleton className="h-64 rounded-xl" />
      ) : team.isError ? (
        <LoadError error={team.error} onRetry={() => team.refetch()} />
      ) : team.data.length === 0 ? (
        <EmptyState icon={<UsersRound />} title={t('none')} />
      ) : (
        <ul className="bg-card divide-y rounded-xl border" aria-label={t('members')}>
          {team.data.map((member) => (
            <MemberRow
              key={member.id}
              member={member}
              isViewer={member.id === viewerId}
              onRefused={setRefusal}
              onChanged={() => setRefusal(undefined)}
            />
          ))}
        </ul>
      )}
      <InviteDialog open={inviting} onOpenChange={setInviting} />
    </div>
  );
}
