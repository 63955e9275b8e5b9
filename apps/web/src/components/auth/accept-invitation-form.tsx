'use client';

import { ZAccountAcceptInvitationInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';
import { IncompleteLink, NewPasswordField } from './new-password';

/**
 * An invitation link's page: choose a password, and be signed in with it straight away (the
 * same sign-in as the sign-in page, so the session is an ordinary one).
 */
export function AcceptInvitationForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useZodForm(ZAccountAcceptInvitationInput, {
    defaultValues: { token, password: '' },
  });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.clear();
        router.replace(user.role === 'CLIENT' ? '/book' : '/staff');
        router.refresh();
      },
      onError: () => router.replace('/sign-in'),
    }),
  );
  const accept = useMutation(
    trpc.account.acceptInvitation.mutationOptions({
      onSuccess: ({ email }) => signIn.mutate({ email, password: form.getValues('password') }),
      onError: (error) => applyServerError(form, error, ['password']),
    }),
  );
  const { errors } = form.formState;

  if (!token) {
    return (
      <IncompleteLink
        description="Open the link from your invitation email again, or ask the clinic for a new one."
        href="/sign-in"
        action="Go to sign in"
      />
    );
  }

  return (
    <AuthCard
      title="Welcome aboard"
      description="Choose a password to finish setting up your account."
    >
      <form
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit((values) => accept.mutate(values))}
      >
        <FormError
          message={
            errors.root?.server?.message ??
            errors.token?.message ??
            (signIn.isError ? 'Your password is set. Please sign in.' : undefined)
          }
        />
        <input type="hidden" {...form.register('token')} />
        <NewPasswordField form={form} name="password" label="Password" autoFocus />
        <Button type="submit" size="lg" loading={accept.isPending || signIn.isPending}>
          Set password and sign in
        </Button>
        {errors.root?.server && !errors.password ? (
          <p className="text-muted-foreground text-center text-sm">
            Link expired or used? Ask the clinic to send a new invitation.
          </p>
        ) : null}
      </form>
    </AuthCard>
  );
}
