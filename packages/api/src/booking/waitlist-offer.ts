import { writeMessage, type Locale, type OutboxWriter } from '@eventora/mail';
import type { Prisma, TenantClient } from '@eventora/tenancy';

import { localDateOf } from './local-time';

type OfferDb = OutboxWriter &
  Pick<TenantClient, 'reservation' | 'waitlistEntry' | 'branch' | 'therapist'>;

/** A session's time that just became free (a cancellation, a move, an offer that lapsed). */
export interface FreedSlot {
  therapistId: string;
  branchId: string;
  serviceId: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** A waitlist entry's offer, as read with `offeredSlotSelect`. */
export const offeredSlotSelect = {
  branchId: true,
  offerTherapistId: true,
  offerServiceId: true,
  offerStartsAt: true,
  offerEndsAt: true,
} satisfies Prisma.WaitlistEntrySelect;

/** The slot a waitlist entry holds an offer of, to pass on when it leaves or lapses; else null. */
export function offeredSlot(entry: {
  branchId: string;
  offerTherapistId: string | null;
  offerServiceId: string | null;
  offerStartsAt: Date | null;
  offerEndsAt: Date | null;
}): FreedSlot | null {
  if (!entry.offerTherapistId || !entry.offerStartsAt || !entry.offerEndsAt) return null;
  return {
    therapistId: entry.offerTherapistId,
    branchId: entry.branchId,
    serviceId: entry.offerServiceId,
    startsAt: entry.offerStartsAt,
    endsAt: entry.offerEndsAt,
  };
}

export interface OfferOptions {
  now: Date;
  holdMinutes: number;
  /** The clinic's portal (the offer links to the client's bookings there). */
  portalUrl: string;
  /** Clients not to offer it to: whoever just freed it, or let an offer of it lapse. */
  excludeClientIds: string[];
}

/** The DATE column's value for a branch-calendar day (Prisma reads and writes it as UTC midnight). */
export function dayColumn(day: { year: number; month: number; day: number }): Date {
  return new Date(Date.UTC(day.year, day.month - 1, day.day));
}

/**
 * Offers a freed slot to the first client waiting for that day at that branch (with that
 * therapist, or any), first come first served by when they joined, and writes the
 * `waitlist.offer` message to the outbox in the caller's transaction. The slot is held for them
 * for `holdMinutes` (never past its start).
 *
 * The hold is first-come: it decides which waiting client hears first, but it does not block
 * the slot. Anyone who finds it free in the booking flow may still book it; the waiting client
 * who then accepts is told it went and keeps their place (see waitlist.accept).
 *
 * Does nothing when the slot has started, is taken again, or is already offered to someone.
 * Returns the entry offered to, or null.
 */
export async function offerFreedSlot(
  tx: OfferDb,
  slot: FreedSlot,
  options: OfferOptions,
): Promise<string | null> {
  const { now } = options;
  if (slot.startsAt <= now) return null;
  const overlapping = { startsAt: { lt: slot.endsAt }, endsAt: { gt: slot.startsAt } };
  const taken = await tx.reservation.findFirst({
    where: { therapistId: slot.therapistId, status: { not: 'cancelled' }, ...overlapping },
    select: { id: true },
  });
  if (taken) return null;
  const openOffer = await tx.waitlistEntry.findFirst({
    where: {
      status: 'offered',
      offerTherapistId: slot.therapistId,
      offerStartsAt: { lt: slot.endsAt },
      offerEndsAt: { gt: slot.startsAt },
      offerExpiresAt: { gt: now },
    },
    select: { id: true },
  });
  if (openOffer) return null;
  const branch = await tx.branch.findFirst({
    where: { id: slot.branchId },
    select: { name: true, address: true, timezone: true },
  });
  if (!branch) return null;
  const candidates = await tx.waitlistEntry.findMany({
    where: {
      branchId: slot.branchId,
      day: dayColumn(localDateOf(slot.startsAt, branch.timezone)),
      status: 'waiting',
      clientId: { notIn: options.excludeClientIds },
      client: { disabledAt: null },
      AND: [
        { OR: [{ therapistId: null }, { therapistId: slot.therapistId }] },
        // A waiting client who named a service gets only a session of that service.
        { OR: [{ serviceId: null }, ...(slot.serviceId ? [{ serviceId: slot.serviceId }] : [])] },
      ],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 20,
    select: { id: true, client: { select: { email: true, name: true, locale: true } } },
  });
  const holdEnds = new Date(now.getTime() + options.holdMinutes * 60_000);
  const offerExpiresAt = holdEnds < slot.startsAt ? holdEnds : slot.startsAt;
  const therapist = await tx.therapist.findFirst({
    where: { id: slot.therapistId },
    select: { name: true },
  });
  if (!therapist) return null;
  for (const entry of candidates) {
    // Conditional on still waiting: of two slots freed at once, each goes to a different client.
    const { count } = await tx.waitlistEntry.updateMany({
      where: { id: entry.id, status: 'waiting' },
      data: {
        status: 'offered',
        offerTherapistId: slot.therapistId,
        offerServiceId: slot.serviceId,
        offerStartsAt: slot.startsAt,
        offerEndsAt: slot.endsAt,
        offerExpiresAt,
      },
    });
    if (count === 0) continue;
    const locale: Locale | undefined =
      entry.client.locale === 'es' || entry.client.locale === 'en'
        ? entry.client.locale
        : undefined;
    await writeMessage(tx, {
      kind: 'waitlist.offer',
      to: entry.client,
      locale,
      dedupeKey: `waitlist-offer:${entry.id}:${slot.startsAt.toISOString()}`,
      data: {
        therapistName: therapist.name,
        branchName: branch.name,
        branchAddress: branch.address,
        timezone: branch.timezone,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        holdUntil: offerExpiresAt.toISOString(),
        acceptUrl: `${options.portalUrl}/bookings?offer=${entry.id}`,
      },
    });
    return entry.id;
  }
  return null;
}
