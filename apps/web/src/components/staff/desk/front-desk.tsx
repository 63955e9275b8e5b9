'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@eventora/ui/sheet';
import { Skeleton } from '@eventora/ui/skeleton';
import { CalendarOff, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

import { addDaysToKey, dayKeyOf, type DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import { DayWaitlist } from '../../waitlist/day-waitlist';
import { DayNav } from '../day-nav';
import { DeskBookingCard } from './desk-booking-card';
import { useDeskDay } from './use-desk-day';
import { WalkInForm } from './walk-in-form';

/**
 * The front desk's day: each therapist's sessions in time order, as stacked cards that fit a
 * phone, with attendance, payment and notes on each. Staff also book walk-ins here.
 */
export function FrontDesk({
  clinicTimeZone,
  canManage,
}: {
  clinicTimeZone: string;
  canManage: boolean;
}) {
  const { dayKeyParts } = useFormat();
  const t = useTranslations('staff.desk');
  const today = dayKeyOf(new Date(), clinicTimeZone);
  const [day, setDay] = useState<DayKey>(today);
  const [walkIn, setWalkIn] = useState(false);
  const now = useNow();
  const { reservations, pending, groups, paidBy, count } = useDeskDay({
    day,
    timeZone: clinicTimeZone,
    canManage,
  });
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <DayNav
          unit="day"
          title={dayKeyParts(day).long}
          isToday={day === today}
          onStep={(direction) => setDay(addDaysToKey(day, direction))}
          onToday={() => setDay(today)}
          titleClassName="ml-1"
        />
        {canManage ? (
          <Button onClick={() => setWalkIn(true)}>
            <UserPlus /> {t('bookWalkIn')}
          </Button>
        ) : null}
      </div>
      <p className="text-muted-foreground text-sm">
        {reservations.isPending ? t('loading') : t('count', { count })}
      </p>
      {pending ? (
        <Skeleton className="h-96 rounded-xl" />
      ) : reservations.isError ? (
        <LoadError error={reservations.error} onRetry={() => reservations.refetch()} />
      ) : groups.length === 0 ? (
        <EmptyState icon={<CalendarOff />} title={t('noneToday')} />
      ) : (
        <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
          {groups.map(({ therapist, items }) => (
            <section
              key={therapist.id}
              aria-label={therapist.name}
              className="grid content-start gap-2"
            >
              <h3 className="flex items-baseline justify-between gap-2 font-semibold">
                {therapist.name}
                <span className="text-muted-foreground text-sm font-normal">
                  {items.filter((r) => r.status !== 'cancelled').length || t('freeAllDay')}
                </span>
              </h3>
              {items.map((r) => (
                <DeskBookingCard
                  key={r.id}
                  reservation={r}
                  payment={paidBy.get(r.id)}
                  canManage={canManage}
                  now={now}
                />
              ))}
            </section>
          ))}
        </div>
      )}
      {canManage ? <DayWaitlist day={day} /> : null}
      {canManage ? (
        <Sheet open={walkIn} onOpenChange={setWalkIn}>
          <SheetContent>
            <SheetHeader>
              <SheetTitle>{t('bookWalkIn')}</SheetTitle>
              <SheetDescription>{t('walkInText')}</SheetDescription>
            </SheetHeader>
            <div className="px-5 pb-5">
              {walkIn ? <WalkInForm onDone={() => setWalkIn(false)} /> : null}
            </div>
          </SheetContent>
        </Sheet>
      ) : null}
    </div>
  );
}

/** The current time, refreshed every half minute (which attendance buttons are open). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
