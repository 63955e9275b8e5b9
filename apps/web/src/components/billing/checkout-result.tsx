'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Spinner } from '@eventora/ui/spinner';
import { useQuery } from '@tanstack/react-query';
import { CircleAlert, PartyPopper } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

import { useTRPC } from '~/trpc/react';

/** After paying: waits for the webhook to credit the package, then offers to book. */
export function CheckoutResult({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('billing');
  const status = useQuery(
    trpc.billing.checkoutStatus.queryOptions(
      { sessionId },
      {
        enabled: Boolean(sessionId),
        refetchInterval: (query) => (query.state.data?.credited ? false : 1500),
      },
    ),
  );
  if (status.isError || !sessionId) {
    return (
      <EmptyState
        icon={<CircleAlert />}
        title={t('notFoundTitle')}
        description={t('notFoundText')}
        action={
          <Button asChild>
            <Link href="/packages">{t('goToPackages')}</Link>
          </Button>
        }
      />
    );
  }
  if (!status.data?.credited) {
    return (
      <EmptyState
        icon={<Spinner className="size-6" />}
        title={t('confirmingTitle')}
        description={t('confirmingText')}
      />
    );
  }
  return (
    <EmptyState
      icon={<PartyPopper />}
      title={t('readyTitle')}
      description={t('readyText')}
      action={
        <div className="flex gap-2">
          <Button asChild>
            <Link href="/book">{t('bookSession')}</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/packages">{t('myPackages')}</Link>
          </Button>
        </div>
      }
    />
  );
}
