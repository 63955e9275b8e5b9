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
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const cancel = useCancelReservation();
  const cancelFollowing = useCancelFollowing();
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
          <DialogTitle>
            {reservation.seriesId ? 'Cancel a session of a series?' : 'Cancel this session?'}
          </DialogTitle>
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
        {reservation.seriesId ? (
          <p className="text-muted-foreground text-sm">
            This session is part of a series. Cancel only this one, or this one and every later
            session of the series (each goes back to the package if it is more than{' '}
            {cancellationWindowHours} hours away).
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Keep it
          </Button>
          {reservation.seriesId ? (
            <Button
              variant="destructive"
              onClick={() => {
                cancelFollowing.mutate({ id: reservation.id });
                setOpen(false);
              }}
            >
              This and all following
            </Button>
          ) : null}
          <Button
            variant="destructive"
            onClick={() => {
              cancel.mutate({ id: reservation.id });
              setOpen(false);
            }}
          >
            {reservation.seriesId ? 'This one only' : 'Cancel session'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
