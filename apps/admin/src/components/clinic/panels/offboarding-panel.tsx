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
 * is purged and how many days are left, the owners' download link for the final export (send,
 * re-send, how often it was used), and cancelling it during the grace period. Nothing is shown
 * for a clinic that was never closed.
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

  const sendLink = useMutation(
    trpc.admin.offboarding.sendLink.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.admin.offboarding.pathKey() });
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
          <div className="flex gap-2">
            {offboarding.finalExport?.inStore ? (
              <Button
                variant="outline"
                disabled={sendLink.isPending}
                onClick={() => sendLink.mutate({ clinicId: clinic.id })}
              >
                {offboarding.link ? 'Re-send download link' : 'Send download link to owners'}
              </Button>
            ) : null}
            <Button variant="outline" onClick={() => setConfirming(true)}>
              Cancel offboarding…
            </Button>
          </div>
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
              {offboarding.finalExport.inStore ? null : (
                <span className="text-muted-foreground">
                  {' '}
                  (not in the backup store: hand the file over yourself)
                </span>
              )}
            </dd>
          </>
        ) : null}
        {offboarding.link ? (
          <>
            <dt className="text-muted-foreground">Download link</dt>
            <dd>
              <Badge variant={offboarding.link.state === 'active' ? 'secondary' : 'outline'}>
                {offboarding.link.state}
              </Badge>{' '}
              sent {formatDateTime(offboarding.link.createdAt)} to{' '}
              {offboarding.link.recipients === 1
                ? '1 owner'
                : `${offboarding.link.recipients} owners`}
              , downloaded{' '}
              {offboarding.link.downloads === 1
                ? 'once'
                : `${formatCount(offboarding.link.downloads)} times`}
              {offboarding.link.lastDownloadedAt
                ? ` (last ${formatDateTime(offboarding.link.lastDownloadedAt)})`
                : ''}
              ; {offboarding.link.state === 'active' ? 'expires' : 'expired'}{' '}
              {formatDateTime(offboarding.link.expiresAt)}
            </dd>
          </>
        ) : null}
      </dl>
      {sendLink.error ? (
        <p role="alert" className="text-destructive mt-3 text-sm">
          {sendLink.error.message}
        </p>
      ) : null}
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
