import { writeMessage, type OutboxWriter } from '@eventora/mail';
import type { TenantClient } from '@eventora/tenancy';

type ReservationReader = Pick<TenantClient, 'reservation'>;

/** A booking message and what it adds to the booking's details. */
export type BookingMessage =
  | { kind: 'booking.confirmed' }
  | { kind: 'booking.rescheduled'; previousStartsAt: Date }
  | { kind: 'booking.cancelled'; creditReturned: boolean };

/**
 * Writes the client's message about a booking change to the outbox, in the change's own
 * transaction (pass `tx`): the mail goes out if and only if the change commits. Reads the
 * reservation as it now stands, so the message says what was saved.
 */
export async function writeBookingMessage(
  tx: OutboxWriter & ReservationReader,
  reservationId: string,
  message: BookingMessage,
  links: { portalUrl: string },
): Promise<void> {
  const reservation = await tx.reservation.findFirstOrThrow({
    where: { id: reservationId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      client: { select: { email: true, name: true } },
      therapist: { select: { name: true } },
      branch: { select: { name: true, address: true, timezone: true } },
    },
  });
  const details = {
    reservationId: reservation.id,
    therapistName: reservation.therapist.name,
    branchName: reservation.branch.name,
    branchAddress: reservation.branch.address,
    timezone: reservation.branch.timezone,
    startsAt: reservation.startsAt.toISOString(),
    endsAt: reservation.endsAt.toISOString(),
    manageUrl: `${links.portalUrl}/bookings`,
  };
  const to = reservation.client;
  switch (message.kind) {
    case 'booking.confirmed':
      await writeMessage(tx, { kind: message.kind, to, data: details });
      return;
    case 'booking.rescheduled':
      await writeMessage(tx, {
        kind: message.kind,
        to,
        data: { ...details, previousStartsAt: message.previousStartsAt.toISOString() },
      });
      return;
    case 'booking.cancelled':
      await writeMessage(tx, {
        kind: message.kind,
        to,
        data: { ...details, creditReturned: message.creditReturned },
      });
      return;
  }
}
