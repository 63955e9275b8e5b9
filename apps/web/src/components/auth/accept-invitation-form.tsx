'use client';

import { ZAccountAcceptInvitationInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

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
      <AuthCard
        title="This link is incomplete"
        description="Open the link from your invitation email again, or ask the clinic for a new one."
      >
        <Button asChild size="lg" className="w-full">
          <Link href="/sign-in">Go to sign in</Link>
        </Button>
      </AuthCard>
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
        <Field
          id="password"
          label="Password"
          description="At least 10 characters; not a common password."
          error={errors.password?.message}
        >
          <Input
            type="password"
            autoComplete="new-password"
            autoFocus
            {...fieldAria('password', errors.password?.message, true)}
            {...form.register('password')}
          />
        </Field>
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
