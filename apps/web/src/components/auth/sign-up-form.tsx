'use client';

import { ZAuthSignUpInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';
import { NoticeConsent, type NoticeSummary } from '~/components/privacy/notice-consent';
import { AuthCard } from './auth-card';
import { NewPasswordField } from './new-password';

export function SignUpForm({ clinicName, notice }: { clinicName: string; notice: NoticeSummary }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const t = useTranslations('auth');
  const serverError = useServerError();
  const form = useZodForm(ZAuthSignUpInput, {
    defaultValues: { name: '', email: '', password: '' },
  });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        router.replace('/book?welcome=1');
        router.refresh();
      },
      onError: (error) =>
        serverError.apply(
          form,
          error,
          ['name', 'email', 'password', 'acceptedNoticeVersion'],
          (code) => ({
            codes: {
              BAD_REQUEST: 'checkFields',
              CONFLICT: 'emailTaken',
              TOO_MANY_REQUESTS: 'tooManyAttempts',
            },
            fields: {
              name: 'invalidName',
              email: code === 'CONFLICT' ? 'emailTakenField' : 'invalidEmail',
              password: 'weakPasswordField',
            },
          }),
        ),
    }),
  );
  const { errors } = form.formState;

  return (
    <AuthCard
      title={t('signUp.title')}
      description={t('signUp.description', { clinic: clinicName })}
      footer={
        <>
          {t('signUp.haveAccount')}{' '}
          <Link
            href="/sign-in"
            className="text-primary font-medium underline-offset-4 hover:underline"
          >
            {t('signIn')}
          </Link>
        </>
      }
    >
      <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((v) => signUp.mutate(v))}>
        <FormError message={errors.root?.server?.message} />
        <Field id="name" label={t('signUp.name')} error={errors.name?.message}>
          <Input
            autoComplete="name"
            autoFocus
            {...fieldAria('name', errors.name?.message)}
            {...form.register('name')}
          />
        </Field>
        <Field id="email" label={t('email')} error={errors.email?.message}>
          <Input
            type="email"
            autoComplete="email"
            inputMode="email"
            {...fieldAria('email', errors.email?.message)}
            {...form.register('email')}
          />
        </Field>
        <NewPasswordField
          form={form}
          name="password"
          label={t('password')}
          description={t('signUp.passwordHelp')}
        />
        <NoticeConsent
          notice={notice}
          checked={form.watch('acceptedNoticeVersion') === notice.version}
          onChange={(checked) => {
            if (checked) {
              form.setValue('acceptedNoticeVersion', notice.version, { shouldValidate: true });
            } else {
              // Unticked is "not accepted" again: back to no version, and the check says so.
              form.resetField('acceptedNoticeVersion');
              void form.trigger('acceptedNoticeVersion');
            }
          }}
          error={errors.acceptedNoticeVersion && t('signUp.acceptNotice')}
        />
        <Button type="submit" size="lg" loading={signUp.isPending}>
          {t('signUp.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
