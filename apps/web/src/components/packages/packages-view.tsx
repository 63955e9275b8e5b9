'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Info, PackageOpen, Wallet } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useServerError } from '~/i18n/server-error';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import { WalletList } from './wallet-list';

/** The client's packages (sessions left, expiry) and the clinic's packages on sale. */
export function PackagesView() {
  const { formatMoney } = useFormat();
  const t = useTranslations('packages');
  const serverError = useServerError();
  const trpc = useTRPC();
  const catalog = useQuery(trpc.catalog.list.queryOptions());
  const wallet = useQuery(trpc.wallet.list.queryOptions({}));
  const billing = useQuery(trpc.billing.mode.queryOptions(undefined, { retry: false }));
  const paymentsOff = billing.isError;
  const checkout = useMutation(
    trpc.billing.createCheckout.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (error) => toast.error(serverError.text(error)),
    }),
  );

  return (
    <div className="grid gap-10">
      <section aria-labelledby="mine" className="grid gap-3">
        <h2 id="mine" className="text-lg font-semibold">
          {t('mine')}
        </h2>
        {wallet.isPending ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Skeleton className="h-32 rounded-xl" />
            <Skeleton className="h-32 rounded-xl" />
          </div>
        ) : wallet.isError ? (
          <LoadError error={wallet.error} onRetry={() => wallet.refetch()} />
        ) : wallet.data.items.length === 0 ? (
          <EmptyState icon={<Wallet />} title={t('noneTitle')} description={t('noneText')} />
        ) : (
          <WalletList items={wallet.data.items} />
        )}
      </section>

      <section aria-labelledby="shop" className="grid gap-3">
        <h2 id="shop" className="text-lg font-semibold">
          {t('shop')}
        </h2>
        {paymentsOff ? (
          <Alert variant="info">
            <Info />
            <AlertDescription>{t('paymentsOffText')}</AlertDescription>
          </Alert>
        ) : null}
        {catalog.isPending ? (
          <div className="grid gap-3 sm:grid-cols-3">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-48 rounded-xl" />
            ))}
          </div>
        ) : catalog.isError ? (
          <LoadError error={catalog.error} onRetry={() => catalog.refetch()} />
        ) : catalog.data.length === 0 ? (
          <EmptyState icon={<PackageOpen />} title={t('nothingOnSale')} />
        ) : (
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {catalog.data.map((pkg) => (
              <Card key={pkg.id}>
                <CardHeader>
                  <CardTitle>{pkg.name}</CardTitle>
                  <CardDescription>
                    {t('sessionsValid', {
                      sessions: pkg.sessionsIncluded,
                      days: pkg.validityDays,
                    })}
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-2">
                  <p className="text-2xl font-bold">{formatMoney(pkg.priceCents, pkg.currency)}</p>
                  {pkg.sessionsIncluded > 1 ? (
                    <p className="text-muted-foreground text-xs">
                      {t('perSession', {
                        price: formatMoney(
                          Math.round(pkg.priceCents / pkg.sessionsIncluded),
                          pkg.currency,
                        ),
                      })}
                    </p>
                  ) : null}
                  {pkg.description ? (
                    <p className="text-muted-foreground text-sm">{pkg.description}</p>
                  ) : null}
                </CardContent>
                <CardFooter className="mt-auto">
                  <Button
                    className="w-full"
                    disabled={paymentsOff || billing.isPending}
                    loading={checkout.isPending && checkout.variables?.packageId === pkg.id}
                    onClick={() => checkout.mutate({ packageId: pkg.id })}
                    aria-label={t('buyLabel', { name: pkg.name })}
                  >
                    {paymentsOff ? t('paymentsOff') : t('buy')}
                  </Button>
                </CardFooter>
              </Card>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
