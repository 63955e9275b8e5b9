import { writeMessage, type OutboxWriter } from '@eventora/mail';
import type { TenantClient } from '@eventora/tenancy';

import { recipientLocale } from './recipient-locale';

type ReservationReader = Pick<TenantClient, 'reservation' | '$queryRaw'>;

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
      client: { select: { email: true, name: true, locale: true } },
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
  const to = { email: reservation.client.email, name: reservation.client.name };
  // The client's language now: a switch in the portal changes their next message.
  const locale = await recipientLocale(tx, reservation.client.locale);
  switch (message.kind) {
    case 'booking.confirmed':
      await writeMessage(tx, { kind: message.kind, to, locale, data: details });
      return;
    case 'booking.rescheduled':
      await writeMessage(tx, {
        kind: message.kind,
        to,
        locale,
        data: { ...details, previousStartsAt: message.previousStartsAt.toISOString() },
      });
      return;
    case 'booking.cancelled':
      await writeMessage(tx, {
        kind: message.kind,
        to,
        locale,
        data: { ...details, creditReturned: message.creditReturned },
      });
      return;
  }
}
