import type { Prisma, ReservationStatus } from '../../../generated/prisma/client';
import { localTimeToUtc } from '../local-time';
import type { ReservationSpec } from '../spec';
import { dayOf, earliest, HOUR, latest, overlaps, toMinutes, type RowContext } from './context';
import type { Purchase } from './packages';

/** A reservation placed on the calendar, with its status. */
export interface Placed {
  spec: ReservationSpec;
  start: Date;
  end: Date;
  status: ReservationStatus;
}

/**
 * Places the spec's reservations and spends their credits (on `purchases`); refuses one outside
 * the therapist's shifts or its package's validity, a double booking, an overdrawn package.
 */
export function placeReservations(
  ctx: RowContext,
  shifts: readonly Prisma.TherapistShiftCreateManyInput[],
  purchases: ReadonlyMap<string, Purchase>,
): Placed[] {
  const { spec, id, fail, anchor } = ctx;
  const usersByKey = new Map(spec.users.map((user) => [user.key, user]));
  const branchesByKey = new Map(spec.branches.map((branch) => [branch.key, branch]));
  const therapistsByKey = new Map(spec.therapists.map((therapist) => [therapist.key, therapist]));
  const placed: Placed[] = [];
  for (const reservation of spec.reservations) {
    const where = `reservation of ${reservation.client} with ${reservation.therapist}, week ${reservation.week} day ${reservation.weekday} ${reservation.at}`;
    const therapist = therapistsByKey.get(reservation.therapist) ?? fail(`${where}: no therapist`);
    const branch = branchesByKey.get(reservation.branch) ?? fail(`${where}: no branch`);
    if (usersByKey.get(reservation.client)?.role !== 'CLIENT') fail(`${where}: not a client`);
    if (!Number.isInteger(reservation.week) || reservation.week === 0) {
      fail(`${where}: week must be a non-zero integer`);
    }
    const from = toMinutes(reservation.at);
    const to = from + therapist.sessionMinutes;
    const inShift = shifts.some(
      (shift) =>
        shift.therapistId === id('therapist', therapist.key) &&
        shift.branchId === id('branch', branch.key) &&
        shift.weekday === reservation.weekday &&
        shift.startsAt <= from &&
        to <= shift.endsAt,
    );
    if (!inShift) fail(`${where}: outside the therapist's shifts`);

    const timezone = branch.timezone ?? spec.timezone;
    const day = dayOf(anchor, reservation.week, reservation.weekday);
    const start = localTimeToUtc(day, from, timezone);
    const end = localTimeToUtc(day, to, timezone);
    const status: ReservationStatus =
      reservation.status ?? (reservation.week < 0 ? 'completed' : 'booked');
    if (status === 'no_show' && reservation.week > 0)
      fail(`${where}: a no-show cannot be upcoming`);

    const active = status !== 'cancelled';
    if (active) {
      for (const other of placed) {
        if (other.status === 'cancelled' || !overlaps({ start, end }, other)) continue;
        if (other.spec.therapist === reservation.therapist)
          fail(`${where}: therapist double-booked`);
        if (other.spec.client === reservation.client) fail(`${where}: client double-booked`);
      }
    }

    const purchase = purchases.get(reservation.purchase) ?? fail(`${where}: no purchase`);
    if (purchase.spec.user !== reservation.client)
      fail(`${where}: paid with another client's package`);
    if (start < purchase.purchasedAt || end > purchase.expiresAt) {
      fail(`${where}: outside its package's validity`);
    }
    // Cancelling gives the credit back; a no-show forfeits it.
    if (active) purchase.used += 1;
    if (purchase.used > purchase.pkg.sessions)
      fail(`${where}: package ${purchase.spec.key} overdrawn`);
    placed.push({ spec: reservation, start, end, status });
  }
  return placed;
}

/** The reservation rows, dated as if booked a week ahead (never after the anchor). */
export function buildReservations(
  ctx: RowContext,
  placed: readonly Placed[],
  purchases: ReadonlyMap<string, Purchase>,
): Prisma.ReservationCreateManyInput[] {
  const { id, clinicId, anchor } = ctx;
  return placed.map(({ spec: reservation, start, end, status }) => {
    const purchase = purchases.get(reservation.purchase)!;
    // Booked a week ahead (or at purchase), never later than the anchor: no row is dated in
    // the future except the appointment itself.
    const createdAt = latest(
      purchase.purchasedAt,
      earliest(new Date(start.getTime() - 7 * 24 * HOUR), anchor),
    );
    const cancelledAt =
      status === 'cancelled'
        ? latest(createdAt, earliest(new Date(start.getTime() - 24 * HOUR), anchor))
        : null;
    const updatedAt = cancelledAt ?? (status === 'booked' ? createdAt : end);
    return {
      clinicId,
      id: id(
        'reservation',
        reservation.therapist,
        reservation.client,
        String(reservation.week),
        String(reservation.weekday),
        reservation.at,
      ),
      clientId: id('user', reservation.client),
      therapistId: id('therapist', reservation.therapist),
      branchId: id('branch', reservation.branch),
      userPackageId: id('user-package', reservation.purchase),
      startsAt: start,
      endsAt: end,
      status,
      notes: reservation.notes ?? null,
      cancelledAt,
      createdAt,
      updatedAt,
    };
  });
}
