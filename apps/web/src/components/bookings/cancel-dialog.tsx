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
import { useState } from 'react';

import { formatLongDay, formatTime, relativeTo } from '~/lib/time';
import type { Reservation } from './reservation-card';
import { useCancelReservation } from './use-cancel-reservation';

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
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const cancel = useCancelReservation();
  const tz = reservation.branch.timeZone;
  const hoursLeft = (reservation.startsAt.getTime() - now.getTime()) / 3_600_000;
  const returnsCredit = hoursLeft >= cancellationWindowHours;
  const whose = forClient ? `${reservation.client.name}’s` : 'your';

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
          Cancel
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Cancel this session?</DialogTitle>
          <DialogDescription>
            {formatLongDay(reservation.startsAt, tz)} at {formatTime(reservation.startsAt, tz)} with{' '}
            {reservation.therapist.name} ({relativeTo(reservation.startsAt, now)}).
          </DialogDescription>
        </DialogHeader>
        <Alert variant={returnsCredit ? 'info' : 'destructive'}>
          {returnsCredit ? <CircleCheck /> : <TriangleAlert />}
          <AlertDescription>
            {returnsCredit
              ? `It’s more than ${cancellationWindowHours} hours away, so the session goes back to ${whose} package.`
              : `Sessions cancelled less than ${cancellationWindowHours} hours ahead are not returned: this one will count as used.`}
          </AlertDescription>
        </Alert>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Keep it
          </Button>
          <Button
            variant="destructive"
            onClick={() => {
              cancel.mutate({ id: reservation.id });
              setOpen(false);
            }}
          >
            Cancel session
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
