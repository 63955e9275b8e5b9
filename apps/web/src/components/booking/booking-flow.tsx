'use client';

import { useServerError } from '~/i18n/server-error';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Skeleton } from '@eventora/ui/skeleton';
import { CircleAlert, MapPin } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRef, type RefObject } from 'react';

import { BookedCard } from './booked-card';
import { BranchStep } from './branch-step';
import { ConfirmDialog, ContinueBar } from './confirm-booking';
import { NoCreditsNotice } from './credits-notice';
import { TherapistStep } from './therapist-step';
import { TimeStep } from './time-step';
import { useBooking } from './use-booking';

export interface BookingFlowProps {
  /** Staff booking for a client; absent when clients book for themselves. */
  client?: { id: string; name: string };
  /** Where "see the booking" goes after booking. */
  bookingsHref: string;
}

/**
 * Branch → therapist (or anyone free) → the therapist's service, if they offer any (its length
 * sets the slots) → day → time → confirm. Every time shown is a free slot from
 * `therapist.availability`, on the branch's clock; the booking spends one session credit.
 */
export function BookingFlow({ client, bookingsHref }: BookingFlowProps) {
  const booking = useBooking(client);
  const t = useTranslations();
  const serverError = useServerError();
  const therapistRef = useRef<HTMLElement>(null);
  const timeRef = useRef<HTMLElement>(null);
  // Whether the last choice came from the keyboard: arrow keys move through a radio group and
  // choose as they go, so scrolling on to the next step would carry the focused choice away.
  const byKeyboard = useRef(false);
  const reveal = (ref: RefObject<HTMLElement | null>) => {
    if (!byKeyboard.current) revealStep(ref);
  };
  const { branches, branch, booked } = booking;

  if (booked) {
    return (
      <BookedCard
        booked={booked}
        clientName={client?.name}
        bookingsHref={bookingsHref}
        onBookAnother={booking.bookAnother}
      />
    );
  }
  if (branches.isPending) {
    return (
      <div className="grid gap-3" aria-busy="true" aria-label={t('booking.loadingBranches')}>
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-20" />
        <Skeleton className="h-20" />
      </div>
    );
  }
  if (branches.isError) {
    return (
      <Alert variant="destructive">
        <CircleAlert />
        <AlertTitle>{t('booking.branchesError')}</AlertTitle>
        <AlertDescription>
          {serverError.text(branches.error)}
          <Button size="sm" variant="outline" onClick={() => branches.refetch()}>
            {t('common.tryAgain')}
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  if (booking.branchList.length === 0) {
    return (
      <EmptyState
        icon={<MapPin />}
        title={t('booking.noBranchesTitle')}
        description={t('booking.noBranchesText')}
      />
    );
  }

  return (
    <div
      className="grid gap-8 pb-24"
      onKeyDownCapture={() => (byKeyboard.current = true)}
      onPointerDownCapture={() => (byKeyboard.current = false)}
    >
      {!booking.wallet.isPending && booking.credits === 0 ? (
        <NoCreditsNotice clientName={client?.name} />
      ) : null}
      <BranchStep booking={booking} onChosen={() => reveal(therapistRef)} />
      {branch ? (
        <TherapistStep booking={booking} ref={therapistRef} onChosen={() => reveal(timeRef)} />
      ) : null}
      {branch && booking.therapistChoice ? <TimeStep booking={booking} ref={timeRef} /> : null}
      <ContinueBar booking={booking} />
      <ConfirmDialog booking={booking} clientName={client?.name} />
    </div>
  );
}

/** Brings the next step into view once React has drawn it (after a tap or click). */
function revealStep(ref: RefObject<HTMLElement | null>) {
  requestAnimationFrame(() => ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
}
