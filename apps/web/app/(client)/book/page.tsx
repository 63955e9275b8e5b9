import type { Metadata } from 'next';

import { BookingFlow } from '~/components/booking/booking-flow';
import { PageHeader } from '@eventora/ui/page-header';
import { HydrateClient, prefetch, trpc } from '~/trpc/server';

export const metadata: Metadata = { title: 'Book a session' };

export default async function BookPage() {
  await Promise.all([
    prefetch(trpc.branch.list.queryOptions()),
    prefetch(trpc.wallet.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Book a session"
        description="Free times update live; booking takes one session from your package."
      />
      <BookingFlow bookingsHref="/bookings" />
    </HydrateClient>
  );
}
