'use client';

import { ZAuthRequestPasswordResetInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import Link from 'next/link';

import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const form = useZodForm(ZAuthRequestPasswordResetInput, { defaultValues: { email: '' } });
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onError: (error) => applyServerError(form, error, ['email']),
    }),
  );
  const { errors } = form.formState;

  return (
    <AuthCard
      title="Forgot your password?"
      description="We’ll email you a link to choose a new one."
      footer={
        <Link
          href="/sign-in"
          className="text-primary font-medium underline-offset-4 hover:underline"
        >
          Back to sign in
        </Link>
      }
    >
      {request.isSuccess ? (
        <Alert variant="info">
          <MailCheck />
          <AlertTitle>Check your inbox</AlertTitle>
          <AlertDescription>
            If {form.getValues('email')} has an account here, a reset link is on its way. It works
            once and expires soon.
          </AlertDescription>
        </Alert>
      ) : (
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((v) => request.mutate(v))}
        >
          <FormError message={errors.root?.server?.message} />
          <Field id="email" label="Email" error={errors.email?.message}>
            <Input
              type="email"
              autoComplete="email"
              inputMode="email"
              autoFocus
              {...fieldAria('email', errors.email?.message)}
              {...form.register('email')}
            />
          </Field>
          <Button type="submit" size="lg" loading={request.isPending}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
