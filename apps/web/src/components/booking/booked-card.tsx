'use client';

import { Button } from '@eventora/ui/button';
import { CalendarCheck2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { Booked } from './use-booking';

/** What a finished booking shows: when, with whom, where; then the bookings or another one. */
export function BookedCard({
  booked,
  clientName,
  bookingsHref,
  onBookAnother,
}: {
  booked: Booked;
  /** Set when staff booked for a client. */
  clientName?: string;
  bookingsHref: string;
  onBookAnother: () => void;
}) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations('booking');
  const heading = useRef<HTMLHeadingElement>(null);
  // The flow above was long; the confirmation replaces it at the top of the page, and focus
  // moves to its heading (the button that booked is gone: focus would fall to the page and a
  // screen reader would say nothing). A block body: Chromium's scrollTo returns a promise,
  // which React would take for the effect's cleanup.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }, []);
  return (
    <section
      aria-labelledby="booked-title"
      className="bg-card mx-auto grid max-w-lg gap-5 rounded-2xl border p-6 text-center shadow-xs"
    >
      <div className="bg-accent text-primary mx-auto flex size-14 items-center justify-center rounded-full">
        <CalendarCheck2 className="size-7" aria-hidden />
      </div>
      <div className="grid gap-1">
        <h2
          id="booked-title"
          ref={heading}
          tabIndex={-1}
          className="focus-visible:ring-ring/60 rounded-md text-xl font-semibold focus-visible:ring-[3px] focus-visible:outline-none"
        >
          {clientName ? t('bookedTitleFor', { name: clientName }) : t('bookedTitle')}
        </h2>
        <p className="text-muted-foreground">
          {t('bookedWhen', {
            day: formatLongDay(booked.at, booked.timeZone),
            time: formatTime(booked.at, booked.timeZone),
          })}
          <br />
          {t('bookedWith', { therapist: booked.therapist, branch: booked.branch })}
        </p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:justify-center">
        <Button asChild>
          <Link href={bookingsHref}>{clientName ? t('backToSchedule') : t('seeMyBookings')}</Link>
        </Button>
        <Button variant="outline" onClick={onBookAnother}>
          {t('bookAnother')}
        </Button>
      </div>
    </section>
  );
}
