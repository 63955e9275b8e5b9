'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';

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
  const join = useMutation(
    trpc.waitlist.join.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries({ queryKey: trpc.waitlist.mine.pathKey() }),
    }),
  );
  return (
    <Alert className="mt-4">
      <Hourglass />
      <AlertTitle>No times left — join the waitlist</AlertTitle>
      <AlertDescription className="grid gap-2">
        {join.isSuccess ? (
          <p role="status">
            You’re on the waitlist. If a time opens up that day, we’ll email you and hold it for
            you.
          </p>
        ) : (
          <>
            <p>If someone cancels, the first person waiting gets the time offered by email.</p>
            {join.isError ? <p className="text-destructive">{errorMessage(join.error)}</p> : null}
            <Button
              size="sm"
              className="w-fit"
              loading={join.isPending}
              onClick={() => join.mutate({ branchId, day, therapistId, serviceId })}
            >
              Join the waitlist
            </Button>
          </>
        )}
      </AlertDescription>
    </Alert>
  );
}
