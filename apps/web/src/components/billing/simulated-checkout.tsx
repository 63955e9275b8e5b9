'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { useMutation } from '@tanstack/react-query';
import { FlaskConical } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';

/** Stands in for Stripe's hosted page when the clinic runs without Stripe keys (development). */
export function SimulatedCheckout({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations('billing');
  const serverError = useServerError();
  const pay = useMutation(
    trpc.billing.completeSimulatedCheckout.mutationOptions({
      onSuccess: () =>
        router.replace(`/billing/success?session_id=${encodeURIComponent(sessionId)}`),
    }),
  );
  return (
    <Card className="mx-auto max-w-md">
      <CardHeader>
        <CardTitle>
          <span className="flex items-center gap-2">
            <FlaskConical className="text-primary size-5" aria-hidden /> {t('simulatedTitle')}
          </span>
        </CardTitle>
        <CardDescription>{t('simulatedText')}</CardDescription>
      </CardHeader>
      <CardContent>
        {pay.isError ? (
          <Alert variant="destructive">
            <AlertTitle>{t('failed')}</AlertTitle>
            <AlertDescription>{serverError.text(pay.error)}</AlertDescription>
          </Alert>
        ) : null}
      </CardContent>
      <CardFooter className="flex-col gap-2 sm:flex-row">
        <Button
          className="w-full sm:flex-1"
          loading={pay.isPending}
          disabled={!sessionId}
          onClick={() => pay.mutate({ sessionId })}
        >
          {t('pay')}
        </Button>
        <Button asChild variant="outline" className="w-full sm:flex-1">
          <Link href="/billing/cancel">{t('cancel')}</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
