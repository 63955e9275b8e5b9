import type { Prisma, TenantTransaction } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { writeBookingMessage } from '../../booking/booking-messages';
import { cancellationReturnsCredit } from '../../booking/cancellation';
import { offerFreedSlot } from '../../booking/waitlist-offer';
import { AppError } from '../../errors/app-error';

/** What cancelling a reservation needs to know of it. */
export const cancellableSelect = {
  id: true,
  status: true,
  clientId: true,
  therapistId: true,
  branchId: true,
  serviceId: true,
  startsAt: true,
  endsAt: true,
  userPackageId: true,
} satisfies Prisma.ReservationSelect;

export type CancellableRow = Prisma.ReservationGetPayload<{ select: typeof cancellableSelect }>;

interface CancelContext {
  clinic: { id: string; slug: string };
  user: { id: string };
  request: { ip: string | null };
  services: { portalUrl: (slug: string) => string };
}

export interface CancelRules {
  now: Date;
  /** The clinic's cancellation window: credits come back when cancelled at least this early. */
  windowHours: number;
  /** How long a freed slot is held for the first waiting client. */
  holdMinutes: number;
}

/**
 * Cancels booked sessions that have not started, in the caller's transaction: each one's credit
 * goes back to its package when cancelled at least the window before its start (per session),
 * the client hears of each, and each freed slot is offered to the waitlist. Refuses (CONFLICT)
 * a session that is cancelled or started, so the whole transaction changes nothing.
 */
export async function cancelBookings(
  tx: TenantTransaction,
  ctx: CancelContext,
  rows: CancellableRow[],
  rules: CancelRules,
): Promise<{ id: string; creditReturned: boolean }[]> {
  const { now, windowHours } = rules;
  const results: { row: CancellableRow; creditReturned: boolean }[] = [];
  for (const found of rows) {
    if (found.status === 'cancelled') {
      throw new AppError('CONFLICT', 'This reservation is already cancelled.');
    }
    if (found.status !== 'booked' || found.startsAt <= now) {
      throw new AppError('CONFLICT', 'This session has already started and cannot be cancelled.');
    }
    // Conditional on still being booked: of two racing cancellations, one wins.
    const { count } = await tx.reservation.updateMany({
      where: { id: found.id, status: 'booked' },
      data: { status: 'cancelled', cancelledAt: now },
    });
    if (count === 0) throw new AppError('CONFLICT', 'This reservation is already cancelled.');
    const creditReturned =
      found.userPackageId !== null &&
      cancellationReturnsCredit({ startsAt: found.startsAt, cancelledAt: now, windowHours });
    if (creditReturned && found.userPackageId) {
      await tx.userPackage.updateMany({
        where: { id: found.userPackageId },
        data: { creditsLeft: { increment: 1 } },
      });
    }
    results.push({ row: found, creditReturned });
  }
  const portalUrl = ctx.services.portalUrl(ctx.clinic.slug);
  for (const { row, creditReturned } of results) {
    await writeBookingMessage(
      tx,
      row.id,
      { kind: 'booking.cancelled', creditReturned },
      { portalUrl },
    );
    await offerFreedSlot(tx, row, {
      now,
      holdMinutes: rules.holdMinutes,
      portalUrl,
      excludeClientIds: [row.clientId],
    });
  }
  // Audit entries last: they take the clinic's audit lock until commit.
  for (const { row, creditReturned } of results) {
    await recordAudit(tx, ctx, {
      action: 'reservation.cancel',
      entityType: 'Reservation',
      entityId: row.id,
      metadata: {
        startsAt: row.startsAt.toISOString(),
        creditReturned,
        cancellationWindowHours: windowHours,
      },
    });
  }
  return results.map(({ row, creditReturned }) => ({ id: row.id, creditReturned }));
}
