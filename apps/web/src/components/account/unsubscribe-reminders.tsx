'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { FormError } from '@eventora/ui/form';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { AuthCard } from '~/components/auth/auth-card';
import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';

/** Confirms stopping reminders for the person an unsubscribe link names. */
export function UnsubscribeReminders({ clinicName, token }: { clinicName: string; token: string }) {
  const trpc = useTRPC();
  const t = useTranslations('unsubscribe');
  const tAuth = useTranslations('auth');
  const serverError = useServerError();
  const unsubscribe = useMutation(trpc.account.unsubscribeReminders.mutationOptions());

  if (!token) {
    return (
      <AuthCard title={tAuth('incompleteTitle')} description={t('incompleteText')}>
        <p className="text-muted-foreground text-sm">{t('nothingChanged')}</p>
      </AuthCard>
    );
  }
  if (unsubscribe.isSuccess) {
    return (
      <AuthCard title={t('doneTitle')}>
        <Alert variant="info">
          <CircleCheck />
          <AlertTitle>{t('doneHeading')}</AlertTitle>
          <AlertDescription>
            {t('doneText', { email: unsubscribe.data.email, clinic: clinicName })}
          </AlertDescription>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('title')} description={t('description', { clinic: clinicName })}>
      <div className="grid gap-4">
        <FormError
          message={
            unsubscribe.error
              ? serverError.text(unsubscribe.error, {
                  codes: { BAD_REQUEST: 'unsubscribeOtherClinic' },
                })
              : undefined
          }
        />
        <Button
          size="lg"
          disabled={unsubscribe.isPending}
          onClick={() => unsubscribe.mutate({ token })}
        >
          {t('submit')}
        </Button>
      </div>
    </AuthCard>
  );
}
