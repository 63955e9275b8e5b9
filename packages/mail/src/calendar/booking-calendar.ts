import { createEvent } from 'ics';

import type { Locale } from '../messages/message-kinds';
import { formatWhen } from '../templates/copy';

export interface BookingCalendarInput {
  reservationId: string;
  clinicName: string;
  therapistName: string;
  branchName: string;
  branchAddress: string | null;
  timezone: string;
  startsAt: string;
  endsAt: string;
  manageUrl: string;
  locale: Locale;
  /** Later changes of one booking carry higher numbers, so calendars apply them in order. */
  sequence: number;
  cancelled: boolean;
}

/**
 * The calendar file of a booking (RFC 5545, built with `ics`): one event per reservation (its
 * id is the UID, so a change or cancellation updates the same event), start and end as exact
 * instants (UTC), and the time on the branch's clock, with its zone, in the description —
 * `ics` writes no VTIMEZONE, and an instant is right in every calendar, wherever it is read.
 */
export function bookingCalendar(input: BookingCalendarInput): {
  method: 'REQUEST' | 'CANCEL';
  content: string;
} {
  const method = input.cancelled ? 'CANCEL' : 'REQUEST';
  const local = `${formatWhen(input.startsAt, input.timezone, input.locale)} (${input.timezone})`;
  const { error, value } = createEvent({
    uid: `${input.reservationId}@eventora`,
    method,
    sequence: input.sequence,
    status: input.cancelled ? 'CANCELLED' : 'CONFIRMED',
    start: Date.parse(input.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(input.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${input.clinicName}: ${input.therapistName}`,
    description: `${local}\n${input.manageUrl}`,
    location: [input.branchName, input.branchAddress].filter(Boolean).join(', '),
    url: input.manageUrl,
    productId: 'eventora/mail',
  });
  if (error || !value) throw error ?? new Error('The calendar file could not be built.');
  return { method, content: value };
}
