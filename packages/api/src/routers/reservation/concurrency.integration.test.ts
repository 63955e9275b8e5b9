import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import {
  addClient,
  addSchedule,
  creditsOf,
  LATE_2026,
  MADRID_DAILY,
} from '../../testing/booking-test-setup';

const NOW = new Date('2026-05-04T06:00:00Z');

type Settled<T> = PromiseSettledResult<T>;
const rejectedWith = <T>(results: Settled<T>[]) =>
  results
    .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
    .map((result) => {
      const error = result.reason as { code?: string; message?: string };
      return `${error.code}: ${error.message}`;
    });

describe('bookings racing each other', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let madrid: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    madrid = await addSchedule(alpha, MADRID_DAILY);
    kit.setNow(NOW);
  });
  afterAll(() => kit?.close());

  const activeAt = (startsAt: Date) =>
    runWithClinic(alpha.clinic, () =>
      alpha.db.reservation.findMany({
        where: { therapistId: madrid.therapistId, startsAt, status: 'booked' },
        select: { clientId: true, userPackageId: true },
      }),
    );

  it('50 concurrent attempts at one slot: exactly one succeeds, 49 get a clear CONFLICT, no credit lost', async () => {
    const clients = await Promise.all(
      Array.from({ length: 50 }, () =>
        addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }], { signIn: false }),
      ),
    );
    const startsAt = new Date('2026-05-05T10:00:00+02:00');
    const staff = kit.as(alpha, alpha.staff);
    const results = await Promise.allSettled(
      clients.map((client) =>
        staff.reservation.create({
          therapistId: madrid.therapistId,
          branchId: madrid.branchId,
          startsAt,
          clientId: client.id,
        }),
      ),
    );

    const booked = results.filter((result) => result.status === 'fulfilled');
    expect(booked).toHaveLength(1);
    expect(rejectedWith(results)).toEqual(
      Array(49).fill('CONFLICT: That time is already booked with this therapist.'),
    );
    const [winner] = await activeAt(startsAt);
    expect(await activeAt(startsAt)).toHaveLength(1);
    // Only the winner paid: every refused booking was rolled back with its credit.
    const credits = await creditsOf(
      alpha,
      clients.flatMap((client) => client.packageIds),
    );
    expect(credits.filter((left) => left === 0)).toHaveLength(1);
    expect(credits.filter((left) => left === 1)).toHaveLength(49);
    const winnerIndex = clients.findIndex((client) => client.id === winner?.clientId);
    expect(credits[winnerIndex]).toBe(0);
  });

  it('one client racing themselves at one slot pays once', async () => {
    const client = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2026 }]);
    const startsAt = new Date('2026-05-05T12:00:00+02:00');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        kit.as(alpha, client).reservation.create({
          therapistId: madrid.therapistId,
          branchId: madrid.branchId,
          startsAt,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(new Set(rejectedWith(results))).toEqual(
      new Set(['CONFLICT: That time is already booked with this therapist.']),
    );
    expect(await creditsOf(alpha, client.packageIds)).toEqual([4]);
  });

  it('two concurrent bookings with one credit left: one succeeds, the other is told there are no credits', async () => {
    const client = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    const slots = [new Date('2026-05-06T10:00:00+02:00'), new Date('2026-05-06T14:00:00+02:00')];
    const results = await Promise.allSettled(
      slots.map((startsAt) =>
        kit.as(alpha, client).reservation.create({
          therapistId: madrid.therapistId,
          branchId: madrid.branchId,
          startsAt,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(rejectedWith(results)).toEqual([
      expect.stringMatching(/^UNPROCESSABLE_CONTENT: No credits left/),
    ]);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([0]);
    const booked = await Promise.all(slots.map(activeAt));
    expect(booked.flat()).toHaveLength(1);
  });

  it('two concurrent cancellations: one wins, the credit comes back once', async () => {
    const client = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE_2026 }]);
    const reservation = await kit.as(alpha, client).reservation.create({
      therapistId: madrid.therapistId,
      branchId: madrid.branchId,
      startsAt: new Date('2026-05-07T10:00:00+02:00'),
    });
    expect(await creditsOf(alpha, client.packageIds)).toEqual([1]);
    const results = await Promise.allSettled([
      kit.as(alpha, client).reservation.cancel({ id: reservation.id }),
      kit.as(alpha, alpha.staff).reservation.cancel({ id: reservation.id }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(rejectedWith(results)).toEqual(['CONFLICT: This reservation is already cancelled.']);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([2]);
  });

  it('two reservations rescheduled into one slot at once: one moves, the other stays put', async () => {
    const a = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    const b = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    const book = (client: typeof a, startsAt: string) =>
      kit.as(alpha, client).reservation.create({
        therapistId: madrid.therapistId,
        branchId: madrid.branchId,
        startsAt: new Date(startsAt),
      });
    const first = await book(a, '2026-05-08T10:00:00+02:00');
    const second = await book(b, '2026-05-08T12:00:00+02:00');
    const target = new Date('2026-05-08T15:00:00+02:00');
    const results = await Promise.allSettled([
      kit.as(alpha, a).reservation.reschedule({ id: first.id, startsAt: target }),
      kit.as(alpha, b).reservation.reschedule({ id: second.id, startsAt: target }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(rejectedWith(results)).toEqual([
      'CONFLICT: That time is already booked with this therapist.',
    ]);
    const starts = await runWithClinic(alpha.clinic, () =>
      alpha.db.reservation.findMany({
        where: { id: { in: [first.id, second.id] } },
        select: { startsAt: true },
        orderBy: { startsAt: 'asc' },
      }),
    );
    const loserStart = results[0]?.status === 'fulfilled' ? second.startsAt : first.startsAt;
    expect(starts.map((row) => row.startsAt).sort((x, y) => x.getTime() - y.getTime())).toEqual(
      [loserStart, target].sort((x, y) => x.getTime() - y.getTime()),
    );
  });
});
