'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@eventora/ui/dialog';
import { CircleCheck, TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { Reservation } from './reservation-card';
import { useCancelFollowing, useCancelReservation } from './use-cancel-reservation';

/** Cancel with the cancellation window explained for this very session before confirming. */
export function CancelDialog({
  reservation,
  cancellationWindowHours,
  forClient,
}: {
  reservation: Reservation;
  cancellationWindowHours: number;
  /** Staff cancelling for a client: wording in the third person. */
  forClient?: boolean;
}) {
  const { formatTime, formatLongDay, relativeTo } = useFormat();
  const t = useTranslations('bookings');
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const cancel = useCancelReservation();
  const cancelFollowing = useCancelFollowing();
  const tz = reservation.branch.timeZone;
  const hoursLeft = (reservation.startsAt.getTime() - now.getTime()) / 3_600_000;
  const returnsCredit = hoursLeft >= cancellationWindowHours;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setNow(new Date());
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          {t('cancel')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('cancelTitle')}</DialogTitle>
          <DialogDescription>
            {t('cancelWhen', {
              day: formatLongDay(reservation.startsAt, tz),
              time: formatTime(reservation.startsAt, tz),
              therapist: reservation.therapist.name,
              relative: relativeTo(reservation.startsAt, now),
            })}
          </DialogDescription>
        </DialogHeader>
        <Alert variant={returnsCredit ? 'info' : 'destructive'}>
          {returnsCredit ? <CircleCheck /> : <TriangleAlert />}
          <AlertDescription>
            {returnsCredit
              ? forClient
                ? t('creditBackFor', {
                    hours: cancellationWindowHours,
                    name: reservation.client.name,
                  })
                : t('creditBack', { hours: cancellationWindowHours })
              : t('creditUsed', { hours: cancellationWindowHours })}
          </AlertDescription>
        </Alert>
        {reservation.seriesId ? (
          <p className="text-muted-foreground text-sm">
            {t('seriesCancelText', { hours: cancellationWindowHours })}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            {t('keep')}
          </Button>
          {reservation.seriesId ? (
            <Button
              variant="destructive"
              onClick={() => {
                cancelFollowing.mutate({ id: reservation.id });
                setOpen(false);
              }}
            >
              {t('cancelFollowing')}
            </Button>
          ) : null}
          <Button
            variant="destructive"
            onClick={() => {
              cancel.mutate({ id: reservation.id });
              setOpen(false);
            }}
          >
            {reservation.seriesId ? t('cancelThisOne') : t('cancelSession')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
