'use client';

import { Button } from '@eventora/ui/button';
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetFooter,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from '@eventora/ui/sheet';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import { useServerError } from '~/i18n/server-error';
import { SlotPicker } from '~/components/booking/slot-picker';
import { useSlots, type MergedSlot } from '~/components/booking/use-slots';
import { addDaysToKey, dayKeyOf, startOfDayKey, type DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import type { Reservation } from './reservation-card';

const DAYS = 14;

/** Move a session to another free time with the same therapist at the same branch. */
export function RescheduleSheet({ reservation }: { reservation: Reservation }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations('bookings');
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="outline" size="sm">
          {t('reschedule')}
        </Button>
      </SheetTrigger>
      <SheetContent
        side="bottom"
        className="sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-[36rem] sm:rounded-2xl sm:border"
      >
        {open ? <ReschedulePanel reservation={reservation} onDone={() => setOpen(false)} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function ReschedulePanel({
  reservation,
  onDone,
}: {
  reservation: Reservation;
  onDone: () => void;
}) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations('bookings');
  const trpc = useTRPC();
  const serverError = useServerError();
  const queryClient = useQueryClient();
  const tz = reservation.branch.timeZone;
  const today = dayKeyOf(new Date(), tz);
  const days = useMemo(
    () => Array.from({ length: DAYS }, (_, i) => addDaysToKey(today, i)),
    [today],
  );
  const from = useMemo(() => startOfDayKey(today, tz), [today, tz]);
  const to = useMemo(() => startOfDayKey(addDaysToKey(today, DAYS), tz), [today, tz]);
  const [day, setDay] = useState<DayKey | undefined>(dayKeyOf(reservation.startsAt, tz));
  const [slot, setSlot] = useState<MergedSlot>();
  const slots = useSlots({
    branchId: reservation.branch.id,
    therapistIds: [reservation.therapist.id],
    from,
    to,
  });
  const move = useMutation(
    trpc.reservation.reschedule.mutationOptions({
      onSuccess: (moved) => {
        toast.success(
          t('movedTo', {
            day: formatLongDay(moved.startsAt, tz),
            time: formatTime(moved.startsAt, tz),
          }),
        );
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
        onDone();
      },
      onError: (error) => {
        toast.error(serverError.text(error));
        void slots.refetch();
      },
    }),
  );
  return (
    <>
      <SheetHeader>
        <SheetTitle>{t('reschedule')}</SheetTitle>
        <SheetDescription>
          {t('rescheduleNow', {
            day: formatLongDay(reservation.startsAt, tz),
            time: formatTime(reservation.startsAt, tz),
            therapist: reservation.therapist.name,
          })}
        </SheetDescription>
      </SheetHeader>
      <div className="px-5">
        <SlotPicker
          days={days}
          timeZone={tz}
          slots={slots.slots}
          pending={slots.pending}
          error={slots.error}
          onRetry={() => void slots.refetch()}
          day={day}
          onDayChange={(d) => {
            setDay(d);
            setSlot(undefined);
          }}
          selected={slot?.key}
          onSelect={setSlot}
          label={t('newTime')}
        />
      </div>
      <SheetFooter className="bg-card sticky bottom-0 border-t">
        <Button
          size="lg"
          disabled={!slot}
          loading={move.isPending}
          onClick={() => slot && move.mutate({ id: reservation.id, startsAt: slot.startsAt })}
        >
          {slot
            ? t('moveTo', {
                time: formatTime(slot.startsAt, tz),
                day: formatLongDay(slot.startsAt, tz),
              })
            : t('pickNewTime')}
        </Button>
      </SheetFooter>
    </>
  );
}
