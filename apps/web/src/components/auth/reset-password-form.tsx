'use client';

import { ZAuthResetPasswordInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import Link from 'next/link';

import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';
import { IncompleteLink, NewPasswordField } from './new-password';

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const form = useZodForm(ZAuthResetPasswordInput, { defaultValues: { token, newPassword: '' } });
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      onError: (error) =>
        // The password policy reports on `password`; this form calls it newPassword.
        applyServerError(form, remapPassword(error), ['newPassword']),
    }),
  );
  const { errors } = form.formState;

  if (!token) {
    return (
      <IncompleteLink
        description="Open the link from your email again, or ask for a new one."
        href="/forgot-password"
        action="Send a new link"
      />
    );
  }

  return (
    <AuthCard title="Choose a new password" description="You’ll sign in with it from now on.">
      {reset.isSuccess ? (
        <div className="grid gap-4">
          <Alert variant="info">
            <CircleCheck />
            <AlertTitle>Password changed</AlertTitle>
            <AlertDescription>
              Every other session was signed out. Sign in with your new password.
            </AlertDescription>
          </Alert>
          <Button asChild size="lg">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
      ) : (
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((v) => reset.mutate(v))}
        >
          <FormError message={errors.root?.server?.message ?? errors.token?.message} />
          <input type="hidden" {...form.register('token')} />
          <NewPasswordField form={form} name="newPassword" label="New password" autoFocus />
          <Button type="submit" size="lg" loading={reset.isPending}>
            Save password
          </Button>
          {errors.root?.server ? (
            <p className="text-muted-foreground text-center text-sm">
              Link expired or used?{' '}
              <Link
                href="/forgot-password"
                className="text-primary font-medium underline-offset-4 hover:underline"
              >
                Get a new one
              </Link>
            </p>
          ) : null}
        </form>
      )}
    </AuthCard>
  );
}

function remapPassword(error: unknown): unknown {
  const data = (error as { data?: { fields?: { field: string; message: string }[] } }).data;
  if (!data?.fields) return error;
  return {
    message: (error as { message: string }).message,
    data: {
      fields: data.fields.map((f) => (f.field === 'password' ? { ...f, field: 'newPassword' } : f)),
    },
  };
}
