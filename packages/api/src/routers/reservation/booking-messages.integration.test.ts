import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createApiTestKit,
  type ApiTestKit,
  type TestClinic,
  type TestUser,
} from '../../testing/api-test-kit';
import {
  addClient,
  addSchedule,
  LATE_2026,
  MADRID_DAILY,
  madridSummer,
  reservationsOf,
} from '../../testing/booking-test-setup';

// Madrid is on CEST (+02:00) for every session below.
const NOW = new Date('2026-06-01T06:00:00Z');

/** The clinic's outbox, read as the runtime role under RLS. */
function outboxOf(clinic: TestClinic) {
  return runWithClinic(clinic.clinic, () =>
    clinic.db.outboxMessage.findMany({
      orderBy: { createdAt: 'asc' },
      select: { kind: true, toEmail: true, status: true, data: true, secrets: true, locale: true },
    }),
  );
}

describe('booking messages in the outbox', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let madrid: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta', 'schema');
    madrid = await addSchedule(alpha, MADRID_DAILY);
    kit.setNow(NOW);
  });
  afterAll(() => kit?.close());

  const book = (user: TestUser, startsAt: Date) =>
    kit
      .as(alpha, user)
      .reservation.create({ therapistId: madrid.therapistId, branchId: madrid.branchId, startsAt });
  const messagesTo = async (clinic: TestClinic, email: string) =>
    (await outboxOf(clinic)).filter((message) => message.toEmail === email);

  it('a booking writes exactly one confirmation, with what was booked on the branch clock', async () => {
    const ana = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE_2026 }]);
    const booked = await book(ana, madridSummer('2026-06-02T10:00:00'));

    const messages = await messagesTo(alpha, ana.email);
    expect(messages).toEqual([
      {
        kind: 'booking.confirmed',
        toEmail: ana.email,
        status: 'pending',
        secrets: null,
        locale: 'en',
        data: expect.objectContaining({
          reservationId: booked.id,
          timezone: 'Europe/Madrid',
          startsAt: '2026-06-02T08:00:00.000Z',
          endsAt: '2026-06-02T09:00:00.000Z',
          manageUrl: 'http://alpha.localhost:3000/bookings',
        }),
      },
    ]);
  });

  it("each message is in the client's language at the time: their choice, else the clinic's", async () => {
    const lucia = await addClient(kit, alpha, [{ credits: 3, expiresAt: LATE_2026 }]);
    const client = kit.as(alpha, lucia);
    await client.auth.setLocale({ locale: 'es' });
    const first = await book(lucia, madridSummer('2026-06-04T10:00:00'));
    await client.auth.setLocale({ locale: 'en' });
    await client.reservation.cancel({ id: first.id });
    // No choice of their own: the clinic's default, which the owner sets to Spanish.
    await client.auth.setLocale({ locale: null });
    await kit.as(alpha, alpha.owner).settings.update({ locale: 'es' });
    try {
      await book(lucia, madridSummer('2026-06-04T12:00:00'));
    } finally {
      await kit.as(alpha, alpha.owner).settings.update({ locale: 'en' });
    }
    expect((await messagesTo(alpha, lucia.email)).map((m) => [m.kind, m.locale])).toEqual([
      ['booking.confirmed', 'es'],
      ['booking.cancelled', 'en'],
      ['booking.confirmed', 'es'],
    ]);
  });

  it('a booking that rolls back writes no message: a taken slot, no credits left', async () => {
    const first = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    const second = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    const broke = await addClient(kit, alpha, []);
    await book(first, madridSummer('2026-06-03T10:00:00'));

    await expect(book(second, madridSummer('2026-06-03T10:30:00'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(book(broke, madridSummer('2026-06-03T14:00:00'))).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
    expect(await messagesTo(alpha, second.email)).toEqual([]);
    expect(await messagesTo(alpha, broke.email)).toEqual([]);
    expect((await reservationsOf(alpha)).filter((row) => row.clientId === broke.id)).toHaveLength(
      0,
    );
  });

  it('of two racing bookings of one slot, only the winner gets a confirmation', async () => {
    const racers = await Promise.all(
      [0, 1, 2].map(() => addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }])),
    );
    const results = await Promise.allSettled(
      racers.map((racer) => book(racer, madridSummer('2026-06-04T11:00:00'))),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const confirmations = (
      await Promise.all(racers.map((racer) => messagesTo(alpha, racer.email)))
    ).flat();
    expect(confirmations.map((message) => message.kind)).toEqual(['booking.confirmed']);
  });

  it('a cancellation and a reschedule each write their own message', async () => {
    const eva = await addClient(kit, alpha, [{ credits: 2, expiresAt: LATE_2026 }]);
    const booked = await book(eva, madridSummer('2026-06-05T10:00:00'));
    await kit
      .as(alpha, eva)
      .reservation.reschedule({ id: booked.id, startsAt: madridSummer('2026-06-05T12:00:00') });
    await kit.as(alpha, eva).reservation.cancel({ id: booked.id });

    const messages = await messagesTo(alpha, eva.email);
    expect(messages.map((message) => message.kind)).toEqual([
      'booking.confirmed',
      'booking.rescheduled',
      'booking.cancelled',
    ]);
    expect(messages[1]!.data).toMatchObject({
      previousStartsAt: '2026-06-05T08:00:00.000Z',
      startsAt: '2026-06-05T10:00:00.000Z',
    });
    expect(messages[2]!.data).toMatchObject({ creditReturned: true });
  });

  it("a clinic's outbox shows nothing of another clinic's messages", async () => {
    const ana = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2026 }]);
    await book(ana, madridSummer('2026-06-06T10:00:00'));
    expect(await outboxOf(alpha)).not.toHaveLength(0);
    expect(await outboxOf(beta)).toEqual([]);
  });
});
