'use client';

import { ZAccountAcceptInvitationInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import { FormError, useZodForm } from '@eventora/ui/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';

import { useServerError } from '~/i18n/server-error';
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
  const t = useTranslations('auth');
  const serverError = useServerError();
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
      onError: (error) =>
        serverError.apply(form, error, ['password'], (_code, fields) => ({
          // A refused password names its field; a bad link names none.
          codes: { BAD_REQUEST: fields.length > 0 ? 'weakPassword' : 'invalidLink' },
          fields: { password: 'weakPasswordField' },
        })),
    }),
  );
  const { errors } = form.formState;

  if (!token) {
    return (
      <IncompleteLink
        description={t('invitation.incomplete')}
        href="/sign-in"
        action={t('invitation.goSignIn')}
      />
    );
  }

  return (
    <AuthCard title={t('invitation.title')} description={t('invitation.description')}>
      <form
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit((values) => accept.mutate(values))}
      >
        <FormError
          message={
            errors.root?.server?.message ??
            errors.token?.message ??
            (signIn.isError ? t('invitation.passwordSet') : undefined)
          }
        />
        <input type="hidden" {...form.register('token')} />
        <NewPasswordField form={form} name="password" label={t('password')} autoFocus />
        <Button type="submit" size="lg" loading={accept.isPending || signIn.isPending}>
          {t('invitation.submit')}
        </Button>
        {errors.root?.server && !errors.password ? (
          <p className="text-muted-foreground text-center text-sm">{t('invitation.expired')}</p>
        ) : null}
      </form>
    </AuthCard>
  );
}
