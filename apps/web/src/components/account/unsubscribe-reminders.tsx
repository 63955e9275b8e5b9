'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { FormError } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';

import { AuthCard } from '~/components/auth/auth-card';
import { useTRPC } from '~/trpc/react';

/** Confirms stopping reminders for the person an unsubscribe link names. */
export function UnsubscribeReminders({ clinicName, token }: { clinicName: string; token: string }) {
  const trpc = useTRPC();
  const unsubscribe = useMutation(trpc.account.unsubscribeReminders.mutationOptions());

  if (!token) {
    return (
      <AuthCard
        title="This link is incomplete"
        description="Open the unsubscribe link from your reminder email again."
      >
        <p className="text-muted-foreground text-sm">Nothing was changed.</p>
      </AuthCard>
    );
  }
  if (unsubscribe.isSuccess) {
    return (
      <AuthCard title="Reminders stopped">
        <Alert variant="info">
          <CircleCheck />
          <AlertTitle>You’re unsubscribed</AlertTitle>
          <AlertDescription>
            {unsubscribe.data.email} will no longer get session reminders from {clinicName}. Booking
            confirmations and changes still arrive.
          </AlertDescription>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Stop session reminders?"
      description={`You will no longer get an email before each session at ${clinicName}.`}
    >
      <div className="grid gap-4">
        <FormError message={unsubscribe.error?.message} />
        <Button
          size="lg"
          disabled={unsubscribe.isPending}
          onClick={() => unsubscribe.mutate({ token })}
        >
          Stop reminders
        </Button>
      </div>
    </AuthCard>
  );
}
