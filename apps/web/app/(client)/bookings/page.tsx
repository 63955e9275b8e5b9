import type { Metadata } from 'next';

import { MyBookings } from '~/components/bookings/my-bookings';
import { PageHeader } from '@eventora/ui/page-header';
import { requireClinic } from '~/server/portal';

export const metadata: Metadata = { title: 'My bookings' };

export default async function BookingsPage({
  searchParams,
}: {
  searchParams: Promise<{ offer?: string | string[] }>;
}) {
  const { offer } = await searchParams;
  const clinic = await requireClinic();
  return (
    <>
      <PageHeader
        title="My bookings"
        description={`Cancel at least ${clinic.cancellationWindowHours} hours before a session to get the session back in your package.`}
      />
      <MyBookings
        cancellationWindowHours={clinic.cancellationWindowHours}
        offer={typeof offer === 'string' ? offer : undefined}
      />
    </>
  );
}
