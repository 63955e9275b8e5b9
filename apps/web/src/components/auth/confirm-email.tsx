'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { FormError } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';
import { AuthCard } from './auth-card';

/**
 * A new email address's confirmation link. It waits for a click (mail scanners open links;
 * only a person confirms), then the account's email changes.
 */
export function ConfirmEmail({ token }: { token: string }) {
  const trpc = useTRPC();
  const t = useTranslations('auth');
  const serverError = useServerError();
  const confirm = useMutation(trpc.account.confirmEmail.mutationOptions());
  return (
    <AuthCard title={t('confirmEmail.title')} description={t('confirmEmail.description')}>
      {confirm.isSuccess ? (
        <div className="grid gap-4">
          <Alert variant="info">
            <CircleCheck />
            <AlertTitle>{t('confirmEmail.doneTitle')}</AlertTitle>
            <AlertDescription>
              {t('confirmEmail.doneText', { email: confirm.data.email })}
            </AlertDescription>
          </Alert>
          <Button asChild size="lg">
            <Link href="/sign-in">{t('signIn')}</Link>
          </Button>
        </div>
      ) : (
        <div className="grid gap-4">
          <FormError
            message={
              !token
                ? t('confirmEmail.incomplete')
                : confirm.isError
                  ? serverError.text(confirm.error, {
                      codes: { BAD_REQUEST: 'invalidLink', CONFLICT: 'emailInUse' },
                    })
                  : undefined
            }
          />
          <Button
            size="lg"
            disabled={!token}
            loading={confirm.isPending}
            onClick={() => confirm.mutate({ token })}
          >
            {t('confirmEmail.submit')}
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
