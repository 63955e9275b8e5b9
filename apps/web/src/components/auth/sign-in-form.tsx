'use client';

import { ZAuthSignInInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { FormError, FormField, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

export function SignInForm({ next }: { next?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const t = useTranslations('auth');
  const serverError = useServerError();
  const form = useZodForm(ZAuthSignInInput, { defaultValues: { email: '', password: '' } });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.clear();
        router.replace(next ?? (user.role === 'CLIENT' ? '/book' : '/staff'));
        router.refresh();
      },
      onError: (error) =>
        serverError.apply(form, error, ['email', 'password'], {
          codes: { UNAUTHORIZED: 'invalidCredentials', TOO_MANY_REQUESTS: 'tooManyAttempts' },
        }),
    }),
  );
  const { errors } = form.formState;

  return (
    <AuthCard
      title={t('signInPage.title')}
      description={t('signInPage.description')}
      footer={
        <>
          {t('signInPage.newHere')}{' '}
          <Link
            href="/sign-up"
            className="text-primary font-medium underline-offset-4 hover:underline"
          >
            {t('signInPage.createAccount')}
          </Link>
        </>
      }
    >
      <form
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit((values) => signIn.mutate(values))}
      >
        <FormError message={errors.root?.server?.message} />
        <FormField form={form} name="email" label={t('email')}>
          {(control) => (
            <Input type="email" autoComplete="email" inputMode="email" autoFocus {...control} />
          )}
        </FormField>
        <FormField form={form} name="password" label={t('password')}>
          {(control) => <Input type="password" autoComplete="current-password" {...control} />}
        </FormField>
        <div className="-mt-1 text-right text-sm">
          <Link
            href="/forgot-password"
            className="text-muted-foreground hover:text-foreground underline-offset-4 hover:underline"
          >
            {t('signInPage.forgot')}
          </Link>
        </div>
        <Button type="submit" size="lg" loading={signIn.isPending}>
          {t('signIn')}
        </Button>
      </form>
    </AuthCard>
  );
}
