import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@eventora/ui/dialog';
import { CircleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useServerError } from '~/i18n/server-error';
import { useFormat } from '~/i18n/use-format';
import { RepeatChoice, SeriesPreview, type Repeat } from './repeat-booking';
import type { Booking } from './use-booking';

/** The bar that follows a chosen time down the page, with the way on to confirming. */
export function ContinueBar({ booking }: { booking: Booking }) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations('booking');
  const { slot, branch, timeZone } = booking;
  if (!slot || !branch) return null;
  return (
    <div
      data-continue-bar
      className="fixed inset-x-0 bottom-[calc(4.25rem+env(safe-area-inset-bottom))] z-30 px-4 md:bottom-4"
    >
      <div className="bg-card mx-auto flex max-w-3xl items-center justify-between gap-3 rounded-2xl border p-3 pl-4 shadow-lg">
        <div className="min-w-0 text-sm">
          <p className="truncate font-semibold">
            {formatLongDay(slot.startsAt, timeZone)}, {formatTime(slot.startsAt, timeZone)}
          </p>
          <p className="text-muted-foreground truncate">
            {booking.slotTherapist?.name ?? t('therapist')} · {branch.name}
          </p>
        </div>
        <Button size="lg" onClick={() => booking.setConfirming(true)}>
          {t('continue')}
        </Button>
      </div>
    </div>
  );
}

/** The last look before booking: when, what, with whom, where, and which package pays. */
export function ConfirmDialog({
  booking,
  clientName,
}: {
  booking: Booking;
  /** Set when staff book for a client. */
  clientName?: string;
}) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations();
  const serverError = useServerError();
  const { slot, branch, service, timeZone, spendFrom, credits, confirmError } = booking;
  const [repeat, setRepeat] = useState<Repeat | null>(null);
  return (
    <Dialog open={booking.confirming} onOpenChange={booking.setConfirming}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('booking.confirmTitle')}</DialogTitle>
          <DialogDescription>
            {clientName ? t('booking.bookingFor', { name: clientName }) : t('booking.checkDetails')}
          </DialogDescription>
        </DialogHeader>
        {slot && branch ? (
          <dl className="bg-muted/60 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg p-4 text-sm">
            <dt className="text-muted-foreground">{t('booking.when')}</dt>
            <dd className="font-medium">
              {formatLongDay(slot.startsAt, timeZone)}, {formatTime(slot.startsAt, timeZone)}–
              {formatTime(slot.endsAt, timeZone)}
            </dd>
            {service ? (
              <>
                <dt className="text-muted-foreground">{t('booking.service')}</dt>
                <dd className="font-medium">{service.name}</dd>
              </>
            ) : null}
            <dt className="text-muted-foreground">{t('booking.with')}</dt>
            <dd className="font-medium">{booking.slotTherapist?.name}</dd>
            <dt className="text-muted-foreground">{t('booking.where')}</dt>
            <dd className="font-medium">
              {branch.name}
              {branch.address ? (
                <span className="text-muted-foreground block font-normal">{branch.address}</span>
              ) : null}
            </dd>
            <dt className="text-muted-foreground">{t('booking.paysWith')}</dt>
            <dd className="font-medium">
              {spendFrom
                ? t('booking.paysWithCredit', { package: spendFrom.packageName, credits })
                : t('booking.noSessionsLeft')}
            </dd>
          </dl>
        ) : null}
        {slot && branch ? <RepeatChoice repeat={repeat} onChange={setRepeat} /> : null}
        {repeat ? (
          <SeriesPreview
            booking={booking}
            repeat={repeat}
            onDone={() => {
              setRepeat(null);
              booking.setConfirming(false);
            }}
          />
        ) : null}
        {confirmError && !repeat ? (
          <Alert variant="destructive">
            <CircleAlert />
            <AlertDescription>{serverError.text(confirmError)}</AlertDescription>
          </Alert>
        ) : null}
        <DialogFooter>
          <Button
            variant="outline"
            onClick={() => booking.setConfirming(false)}
            disabled={booking.booking}
          >
            {t('common.back')}
          </Button>
          {repeat ? null : (
            <Button loading={booking.booking} onClick={booking.confirm}>
              {t('booking.confirm')}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
