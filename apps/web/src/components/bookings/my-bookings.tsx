'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import { useQuery } from '@tanstack/react-query';
import { CalendarPlus, History } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { MyWaitlist } from '../waitlist/my-waitlist';
import { CancelDialog } from './cancel-dialog';
import { ReservationCard } from './reservation-card';
import { RescheduleSheet } from './reschedule-sheet';

/** Upcoming sessions (cancel, reschedule) and the last two months' history. */
export function MyBookings({
  cancellationWindowHours,
  offer,
}: {
  cancellationWindowHours: number;
  /** A waitlist entry whose offer the client came to see (`/bookings?offer=<id>`). */
  offer?: string;
}) {
  const trpc = useTRPC();
  const t = useTranslations('bookings');
  // Fixed for this visit, so the lists' query keys stay put.
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const upcoming = useQuery(trpc.reservation.list.queryOptions({ from: now, limit: 100 }));
  const past = useQuery(trpc.reservation.list.queryOptions({ to: now, limit: 100 }));

  const upcomingItems = upcoming.data?.items ?? [];
  const pastItems = [...(past.data?.items ?? [])].reverse();

  return (
    <div className="grid gap-6">
      <MyWaitlist highlight={offer} />
      <Tabs defaultValue="upcoming">
        <TabsList className="w-full sm:w-fit">
          <TabsTrigger value="upcoming">{t('upcoming')}</TabsTrigger>
          <TabsTrigger value="past">{t('past')}</TabsTrigger>
        </TabsList>
        <TabsContent value="upcoming" className="grid gap-3">
          {upcoming.isPending ? (
            <ListSkeleton />
          ) : upcoming.isError ? (
            <LoadError error={upcoming.error} onRetry={() => upcoming.refetch()} />
          ) : upcomingItems.length === 0 ? (
            <EmptyState
              icon={<CalendarPlus />}
              title={t('nothingTitle')}
              description={t('nothingText')}
              action={
                <Button asChild>
                  <Link href="/book">{t('bookSession')}</Link>
                </Button>
              }
            />
          ) : (
            upcomingItems.map((reservation) => (
              <ReservationCard
                key={reservation.id}
                reservation={reservation}
                actions={
                  reservation.status === 'booked' ? (
                    <>
                      <RescheduleSheet reservation={reservation} />
                      <CancelDialog
                        reservation={reservation}
                        cancellationWindowHours={cancellationWindowHours}
                      />
                    </>
                  ) : null
                }
              />
            ))
          )}
        </TabsContent>
        <TabsContent value="past" className="grid gap-3">
          {past.isPending ? (
            <ListSkeleton />
          ) : past.isError ? (
            <LoadError error={past.error} onRetry={() => past.refetch()} />
          ) : pastItems.length === 0 ? (
            <EmptyState icon={<History />} title={t('noPastTitle')} description={t('noPastText')} />
          ) : (
            pastItems.map((reservation) => (
              <ReservationCard key={reservation.id} reservation={reservation} />
            ))
          )}
        </TabsContent>
      </Tabs>
    </div>
  );
}

export function ListSkeleton() {
  const t = useTranslations('bookings');
  return (
    <div className="grid gap-3" aria-busy="true" aria-label={t('loading')}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-24 rounded-xl" />
      ))}
    </div>
  );
}
