'use client';

import { ZAuthResetPasswordInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { FormError, useZodForm } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';
import { IncompleteLink, NewPasswordField } from './new-password';

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const t = useTranslations('auth');
  const serverError = useServerError();
  const form = useZodForm(ZAuthResetPasswordInput, { defaultValues: { token, newPassword: '' } });
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      onError: (error) =>
        // The password policy reports on `password`; this form calls it newPassword.
        serverError.apply(form, remapPassword(error), ['newPassword'], (_code, fields) => ({
          codes: {
            // A refused password names its field; a bad link names none.
            BAD_REQUEST: fields.length > 0 ? 'weakPassword' : 'invalidResetLink',
            TOO_MANY_REQUESTS: 'tooManyRequests',
          },
          fields: { newPassword: 'weakPasswordField' },
        })),
    }),
  );
  const { errors } = form.formState;

  if (!token) {
    return (
      <IncompleteLink
        description={t('reset.incomplete')}
        href="/forgot-password"
        action={t('reset.newLink')}
      />
    );
  }

  return (
    <AuthCard title={t('reset.title')} description={t('reset.description')}>
      {reset.isSuccess ? (
        <div className="grid gap-4">
          <Alert variant="info">
            <CircleCheck />
            <AlertTitle>{t('reset.doneTitle')}</AlertTitle>
            <AlertDescription>{t('reset.doneText')}</AlertDescription>
          </Alert>
          <Button asChild size="lg">
            <Link href="/sign-in">{t('signIn')}</Link>
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
          <NewPasswordField
            form={form}
            name="newPassword"
            label={t('reset.newPassword')}
            autoFocus
          />
          <Button type="submit" size="lg" loading={reset.isPending}>
            {t('reset.submit')}
          </Button>
          {errors.root?.server ? (
            <p className="text-muted-foreground text-center text-sm">
              {t('reset.expired')}{' '}
              <Link
                href="/forgot-password"
                className="text-primary font-medium underline-offset-4 hover:underline"
              >
                {t('reset.getNew')}
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
    // The rest of `data` (the code, a freeze's reason) still says what kind of refusal it is.
    data: {
      ...data,
      fields: data.fields.map((f) => (f.field === 'password' ? { ...f, field: 'newPassword' } : f)),
    },
  };
}
