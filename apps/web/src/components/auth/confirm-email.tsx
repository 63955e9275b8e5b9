'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { FormError } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import Link from 'next/link';

import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

/**
 * A new email address's confirmation link. It waits for a click (mail scanners open links;
 * only a person confirms), then the account's email changes.
 */
export function ConfirmEmail({ token }: { token: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmEmail.mutationOptions());
  return (
    <AuthCard
      title="Confirm your email"
      description="This address becomes the one you sign in with."
    >
      {confirm.isSuccess ? (
        <div className="grid gap-4">
          <Alert variant="info">
            <CircleCheck />
            <AlertTitle>Email confirmed</AlertTitle>
            <AlertDescription>You now sign in as {confirm.data.email}.</AlertDescription>
          </Alert>
          <Button asChild size="lg">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
      ) : (
        <div className="grid gap-4">
          <FormError
            message={
              !token
                ? 'This link is incomplete.'
                : confirm.isError
                  ? errorMessage(confirm.error)
                  : undefined
            }
          />
          <Button
            size="lg"
            disabled={!token}
            loading={confirm.isPending}
            onClick={() => confirm.mutate({ token })}
          >
            Confirm this email
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
