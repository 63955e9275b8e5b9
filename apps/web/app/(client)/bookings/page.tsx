import { getTranslations } from 'next-intl/server';

import { MyBookings } from '~/components/bookings/my-bookings';
import { PageHeader } from '@eventora/ui/page-header';
import { titled } from '~/i18n/page-title';
import { requireClinic } from '~/server/portal';

export const generateMetadata = titled('bookings');

export default async function BookingsPage({
  searchParams,
}: {
  searchParams: Promise<{ offer?: string | string[] }>;
}) {
  const { offer } = await searchParams;
  const clinic = await requireClinic();
  const t = await getTranslations();
  return (
    <>
      <PageHeader
        title={t('titles.bookings')}
        description={t('bookings.intro', { hours: clinic.cancellationWindowHours })}
      />
      <MyBookings
        cancellationWindowHours={clinic.cancellationWindowHours}
        offer={typeof offer === 'string' ? offer : undefined}
      />
    </>
  );
}
