import { useTranslations } from 'next-intl';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@eventora/ui/sheet';

import { CancelDialog } from '~/components/bookings/cancel-dialog';
import { ReservationCard, type Reservation } from '~/components/bookings/reservation-card';
import { RescheduleSheet } from '~/components/bookings/reschedule-sheet';

/** One session opened from the schedule: its card, and reschedule/cancel for managers. */
export function SessionSheet({
  reservation,
  current,
  canManage,
  cancellationWindowHours,
  onClose,
}: {
  reservation: Reservation | undefined;
  /** The same session as the list has it now (after a reschedule or cancel), if still listed. */
  current: Reservation | undefined;
  canManage: boolean;
  cancellationWindowHours: number;
  onClose: () => void;
}) {
  const t = useTranslations('staff.schedule');
  return (
    <Sheet open={Boolean(reservation)} onOpenChange={(open) => !open && onClose()}>
      <SheetContent>
        {reservation ? (
          <>
            <SheetHeader>
              <SheetTitle>{reservation.client.name}</SheetTitle>
              <SheetDescription>{t('sessionDetails')}</SheetDescription>
            </SheetHeader>
            <div className="grid gap-4 px-5">
              <ReservationCard
                reservation={current ?? reservation}
                showClient
                actions={
                  canManage &&
                  reservation.status === 'booked' &&
                  reservation.startsAt > new Date() ? (
                    <>
                      <RescheduleSheet reservation={reservation} />
                      <CancelDialog
                        reservation={reservation}
                        cancellationWindowHours={cancellationWindowHours}
                        forClient
                      />
                    </>
                  ) : null
                }
              />
            </div>
          </>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
