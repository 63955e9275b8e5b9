import type { Prisma } from '@eventora/tenancy';
import { z } from 'zod';

import { formatLocal } from '../../booking/local-time';
import { ZReservationStatus } from '../../schemas/reservation';

/** What a reservation shows: names of the people involved, never their contact details. */
export const reservationSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  cancelledAt: true,
  userPackageId: true,
  payment: true,
  seriesId: true,
  arrivedAt: true,
  createdAt: true,
  service: { select: { id: true, name: true } },
  client: { select: { id: true, name: true } },
  therapist: { select: { id: true, name: true } },
  branch: { select: { id: true, name: true, timezone: true } },
} satisfies Prisma.ReservationSelect;

export type ReservationRow = Prisma.ReservationGetPayload<{ select: typeof reservationSelect }>;

export const ZReservation = z.object({
  id: z.uuid(),
  status: ZReservationStatus,
  startsAt: z.date(),
  endsAt: z.date(),
  /** The start on the branch's wall clock, with its offset: `2026-03-29T09:00:00+02:00`. */
  localStartsAt: z.string(),
  cancelledAt: z.date().nullable(),
  /** The package whose credit the reservation holds. */
  userPackageId: z.uuid().nullable(),
  /** `desk`: booked without a credit, paid at the clinic (see `desk.recordPayment`). */
  payment: z.enum(['credit', 'desk']),
  /** The recurring series the booking was made in (series.book), if any. */
  seriesId: z.uuid().nullable(),
  /** When the client was marked arrived (attendance). */
  arrivedAt: z.date().nullable(),
  createdAt: z.date(),
  /** The service booked, if one was named. */
  service: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  client: z.object({ id: z.uuid(), name: z.string() }),
  therapist: z.object({ id: z.uuid(), name: z.string() }),
  branch: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
});

export type ReservationOutput = z.infer<typeof ZReservation>;

export function toReservationOutput(row: ReservationRow): ReservationOutput {
  return {
    id: row.id,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    localStartsAt: formatLocal(row.startsAt, row.branch.timezone),
    cancelledAt: row.cancelledAt,
    userPackageId: row.userPackageId,
    payment: row.payment,
    seriesId: row.seriesId,
    arrivedAt: row.arrivedAt,
    createdAt: row.createdAt,
    service: row.service,
    client: row.client,
    therapist: row.therapist,
    branch: { id: row.branch.id, name: row.branch.name, timeZone: row.branch.timezone },
  };
}
