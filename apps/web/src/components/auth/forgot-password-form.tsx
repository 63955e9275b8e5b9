'use client';

import { ZAuthRequestPasswordResetInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const t = useTranslations('auth');
  const serverError = useServerError();
  const form = useZodForm(ZAuthRequestPasswordResetInput, { defaultValues: { email: '' } });
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onError: (error) =>
        serverError.apply(form, error, ['email'], {
          codes: { TOO_MANY_REQUESTS: 'tooManyRequests' },
          fields: { email: 'invalidEmail' },
        }),
    }),
  );
  const { errors } = form.formState;

  return (
    <AuthCard
      title={t('forgot.title')}
      description={t('forgot.description')}
      footer={
        <Link
          href="/sign-in"
          className="text-primary font-medium underline-offset-4 hover:underline"
        >
          {t('forgot.back')}
        </Link>
      }
    >
      {request.isSuccess ? (
        <Alert variant="info">
          <MailCheck />
          <AlertTitle>{t('forgot.sentTitle')}</AlertTitle>
          <AlertDescription>
            {t('forgot.sentText', { email: form.getValues('email') })}
          </AlertDescription>
        </Alert>
      ) : (
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((v) => request.mutate(v))}
        >
          <FormError message={errors.root?.server?.message} />
          <Field id="email" label={t('email')} error={errors.email?.message}>
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
            {t('forgot.submit')}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
