'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { Panel } from '~/components/panel';
import { ReasonDialog } from '~/components/reason-dialog';
import { LoadError } from '@eventora/ui/load-error';
import { formatBytes, formatCount, formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import { useRefreshClinic } from '../use-refresh-clinic';

/**
 * A clinic being offboarded (closed with `pnpm tenant:offboard`): when it closed, when its data
 * is purged and how many days are left, and cancelling it during the grace period. Nothing is
 * shown for a clinic that was never closed.
 */
export function OffboardingPanel({ clinic }: { clinic: { id: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshClinic = useRefreshClinic();
  const [confirming, setConfirming] = useState(false);
  const status = useQuery(trpc.admin.offboarding.status.queryOptions({ clinicId: clinic.id }));
  const cancel = useMutation(
    trpc.admin.offboarding.cancel.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.offboarding.pathKey() });
        await refreshClinic();
      },
    }),
  );

  if (status.isPending) return null;
  if (status.isError) {
    return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  }
  const offboarding = status.data;
  if (!offboarding) return null;

  return (
    <Panel
      title="Offboarding"
      description={
        offboarding.state === 'closed'
          ? 'This clinic was closed: its portal is off, and its data is deleted for good after the grace period.'
          : offboarding.state === 'reopened'
            ? 'This clinic was closed and then reopened; nothing was deleted.'
            : 'This clinic’s data was purged.'
      }
      actions={
        offboarding.cancellable ? (
          <Button variant="outline" onClick={() => setConfirming(true)}>
            Cancel offboarding…
          </Button>
        ) : null
      }
    >
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-muted-foreground">Closed</dt>
        <dd>{formatDateTime(offboarding.closedAt)}</dd>
        {offboarding.state === 'closed' ? (
          <>
            <dt className="text-muted-foreground">Purge after</dt>
            <dd>
              {formatDateTime(offboarding.purgeAfter)}{' '}
              <Badge variant={offboarding.daysLeft <= 3 ? 'destructive' : 'secondary'}>
                {offboarding.daysLeft === 1 ? '1 day left' : `${offboarding.daysLeft} days left`}
              </Badge>
            </dd>
          </>
        ) : null}
        {offboarding.reopenedAt ? (
          <>
            <dt className="text-muted-foreground">Reopened</dt>
            <dd>{formatDateTime(offboarding.reopenedAt)}</dd>
          </>
        ) : null}
        {offboarding.purgedAt ? (
          <>
            <dt className="text-muted-foreground">Purged</dt>
            <dd>{formatDateTime(offboarding.purgedAt)}</dd>
          </>
        ) : null}
        {offboarding.finalExport ? (
          <>
            <dt className="text-muted-foreground">Final export</dt>
            <dd>
              {formatBytes(offboarding.finalExport.bytes)},{' '}
              {formatCount(offboarding.finalExport.rows)} rows
            </dd>
          </>
        ) : null}
      </dl>
      <ReasonDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Cancel ${clinic.name}’s offboarding?`}
        description="Its portal opens again and its people can sign in. The purge will not run."
        confirmLabel="Reopen the clinic"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={(reason) => cancel.mutate({ clinicId: clinic.id, reason })}
      />
    </Panel>
  );
}
