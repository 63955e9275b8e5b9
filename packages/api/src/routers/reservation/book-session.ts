import type { TenantTransaction } from '@eventora/tenancy';

import { writeBookingMessage } from '../../booking/booking-messages';
import { consumeCredit } from './consume-credit';
import { reservationSelect, type ReservationRow } from './reservation-output';

/** One session to book, its slot already checked against the schedule (`bookableSlot`). */
export interface SessionToBook {
  clinicId: string;
  clientId: string;
  therapistId: string;
  branchId: string;
  serviceId: string | null;
  startsAt: Date;
  endsAt: Date;
  payment: 'credit' | 'desk';
  seriesId?: string;
}

/**
 * The booking steps every way of booking shares (`reservation.create`, `waitlist.accept`,
 * `series.book`), inside the caller's booking transaction: the reservation row first, so a
 * taken slot fails there (23P01) before any credit is touched; then, paid with credit, one
 * credit of the client's soonest-expiring valid package; then the client's confirmation in the
 * outbox. The caller writes its own audit entry.
 */
export async function bookSession(
  tx: TenantTransaction,
  session: SessionToBook,
  links: { portalUrl: string },
): Promise<{ booked: ReservationRow; userPackageId: string | null }> {
  const { id } = await tx.reservation.create({ data: session, select: { id: true } });
  const userPackageId =
    session.payment === 'credit'
      ? await consumeCredit(tx, session.clientId, session.startsAt)
      : null;
  const booked = await tx.reservation.update({
    where: { clinicId_id: { clinicId: session.clinicId, id } },
    data: { userPackageId },
    select: reservationSelect,
  });
  await writeBookingMessage(tx, id, { kind: 'booking.confirmed' }, links);
  return { booked, userPackageId };
}
