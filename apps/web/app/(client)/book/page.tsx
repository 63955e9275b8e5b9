import { getTranslations } from 'next-intl/server';

import { BookingFlow } from '~/components/booking/booking-flow';
import { PageHeader } from '@eventora/ui/page-header';
import { titled } from '~/i18n/page-title';
import { HydrateClient, prefetch, trpc } from '~/trpc/server';

export const generateMetadata = titled('book');

export default async function BookPage() {
  await Promise.all([
    prefetch(trpc.branch.list.queryOptions()),
    prefetch(trpc.wallet.list.queryOptions({})),
  ]);
  const t = await getTranslations();
  return (
    <HydrateClient>
      <PageHeader title={t('titles.book')} description={t('bookings.bookIntro')} />
      <BookingFlow bookingsHref="/bookings" />
    </HydrateClient>
  );
}
