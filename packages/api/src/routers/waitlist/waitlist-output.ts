import type { Prisma } from '@eventora/tenancy';
import { z } from 'zod';

import { formatLocal } from '../../booking/local-time';
import { ZWaitlistStatus } from '../../schemas/waitlist';

/** What a waitlist entry shows: names, never contact details. */
export const waitlistEntrySelect = {
  id: true,
  status: true,
  day: true,
  createdAt: true,
  offerStartsAt: true,
  offerEndsAt: true,
  offerExpiresAt: true,
  reservationId: true,
  client: { select: { id: true, name: true } },
  branch: { select: { id: true, name: true, timezone: true } },
  therapist: { select: { id: true, name: true } },
  offerTherapist: { select: { id: true, name: true } },
} satisfies Prisma.WaitlistEntrySelect;

type WaitlistRow = Prisma.WaitlistEntryGetPayload<{ select: typeof waitlistEntrySelect }>;

export const ZWaitlistEntry = z.object({
  id: z.uuid(),
  status: ZWaitlistStatus,
  /** The day wanted, on the branch's calendar (`2027-03-08`). */
  day: z.string(),
  createdAt: z.date(),
  client: z.object({ id: z.uuid(), name: z.string() }),
  branch: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  /** Null: any therapist. */
  therapist: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The slot offered while the entry is `offered` (kept afterwards for the record). */
  offer: z
    .object({
      therapist: z.object({ id: z.uuid(), name: z.string() }),
      startsAt: z.date(),
      endsAt: z.date(),
      localStartsAt: z.string(),
      /** The hold: accept before this. */
      expiresAt: z.date(),
    })
    .nullable(),
  /** The booking an accepted offer made. */
  reservationId: z.uuid().nullable(),
});

export function toWaitlistOutput(row: WaitlistRow): z.infer<typeof ZWaitlistEntry> {
  const offered =
    row.offerTherapist && row.offerStartsAt && row.offerEndsAt && row.offerExpiresAt
      ? {
          therapist: row.offerTherapist,
          startsAt: row.offerStartsAt,
          endsAt: row.offerEndsAt,
          localStartsAt: formatLocal(row.offerStartsAt, row.branch.timezone),
          expiresAt: row.offerExpiresAt,
        }
      : null;
  return {
    id: row.id,
    status: row.status,
    day: row.day.toISOString().slice(0, 10),
    createdAt: row.createdAt,
    client: row.client,
    branch: { id: row.branch.id, name: row.branch.name, timeZone: row.branch.timezone },
    therapist: row.therapist,
    offer: offered,
    reservationId: row.reservationId,
  };
}
