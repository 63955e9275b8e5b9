'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';

/**
 * "No times left — join the waitlist": shown under a full day. When a session of that day is
 * freed, the first client waiting gets it offered by email, held for a while.
 */
export function JoinWaitlist({
  branchId,
  day,
  therapistId,
  serviceId,
}: {
  branchId: string;
  /** The branch-calendar day, `2027-03-08`. */
  day: string;
  /** Only this therapist; any at the branch when left out. */
  therapistId?: string;
  serviceId?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('waitlist');
  const serverError = useServerError();
  const join = useMutation(
    trpc.waitlist.join.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries({ queryKey: trpc.waitlist.mine.pathKey() }),
    }),
  );
  return (
    <Alert className="mt-4">
      <Hourglass />
      <AlertTitle>{t('joinTitle')}</AlertTitle>
      {join.isSuccess ? (
        <AlertDescription>
          <p role="status">{t('joined')}</p>
        </AlertDescription>
      ) : (
        <>
          <AlertDescription>
            <p>{t('joinText')}</p>
          </AlertDescription>
          {/* Outside the description, which is drawn at 90% opacity: a button or error text in
              it fell below 4.5:1. */}
          {join.isError ? (
            <p className="text-destructive col-start-2 mt-1 text-sm">
              {serverError.text(join.error)}
            </p>
          ) : null}
          <Button
            size="sm"
            className="col-start-2 mt-2 w-fit"
            loading={join.isPending}
            onClick={() => join.mutate({ branchId, day, therapistId, serviceId })}
          >
            {t('join')}
          </Button>
        </>
      )}
    </Alert>
  );
}
