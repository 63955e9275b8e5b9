import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readClinicSettings } from '../../jobs/clinic-settings';
import type { TaskServices } from '../../jobs/clinic-tasks';
import { passExpiredWaitlistOffers } from '../../jobs/waitlist-expiry';
import {
  createApiTestKit,
  type ApiTestKit,
  type TestClinic,
  type TestUser,
} from '../../testing/api-test-kit';
import { addClient, addSchedule, ALL_WEEK, hm } from '../../testing/booking-test-setup';

// Monday 2027-03-01 in New York (EST, -05:00). Friday 5 March: the therapist works 09:00–11:00,
// two one-hour sessions, both booked: the day is full.
const NOW = new Date('2027-03-01T12:00:00Z');
const LATE_2027 = new Date('2027-12-31T00:00:00Z');
const DAY = '2027-03-05';
const NINE = new Date('2027-03-05T14:00:00Z');
const TEN = new Date('2027-03-05T15:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function outboxOf(clinic: TestClinic) {
  return runWithClinic(clinic.clinic, () =>
    clinic.db.outboxMessage.findMany({
      orderBy: { createdAt: 'asc' },
      select: { kind: true, toEmail: true, data: true },
    }),
  );
}

describe('the waitlist', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let where: { branchId: string; therapistId: string };
  let betaWhere: { branchId: string; therapistId: string };
  let now = NOW;

  beforeAll(async () => {
    kit = await createApiTestKit();
    kit.setNow(NOW);
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta', 'schema');
    const schedule = {
      timeZone: 'America/New_York',
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: [5], from: hm(9), to: hm(11) }],
    };
    where = await addSchedule(alpha, schedule);
    betaWhere = await addSchedule(beta, schedule);
  });
  afterAll(() => kit?.close());

  const setNow = (date: Date) => {
    now = date;
    kit.setNow(date);
  };
  const client = (clinic: TestClinic = alpha) =>
    addClient(kit, clinic, [{ credits: 2, expiresAt: LATE_2027 }]);
  const bookAt = (user: TestUser, startsAt: Date) =>
    kit.as(alpha, user).reservation.create({ ...where, startsAt });
  const join = (user: TestUser, therapist = true) =>
    kit.as(alpha, user).waitlist.join({
      branchId: where.branchId,
      day: DAY,
      therapistId: therapist ? where.therapistId : undefined,
    });
  const offersTo = async (clinic: TestClinic, user: TestUser) =>
    (await outboxOf(clinic)).filter(
      (message) => message.kind === 'waitlist.offer' && message.toEmail === user.email,
    );
  const runExpiry = async () => {
    const settings = await readClinicSettings(kit.services.platform, alpha.clinic.id);
    const services: TaskServices = {
      platform: kit.services.platform,
      tenants: kit.services.tenants,
      now: () => now,
      portalUrl: kit.services.portalUrl,
      mailSecret: 'test',
    };
    return runWithClinic(alpha.clinic, () =>
      passExpiredWaitlistOffers(alpha.db, settings, services),
    );
  };

  it('cancellation → offer to the first waiting client in the outbox → accepted within the hold → booked with a credit', async () => {
    const [early, late, first, second] = await Promise.all([
      client(),
      client(),
      client(),
      client(),
    ]);
    const nine = await bookAt(early, NINE);
    await bookAt(late, TEN);
    const firstEntry = await join(first);
    const secondEntry = await join(second, false); // any therapist, joined later

    setNow(minutes(5));
    await kit.as(alpha, early).reservation.cancel({ id: nine.id });

    const [offer] = await offersTo(alpha, first);
    expect(offer?.data).toMatchObject({
      startsAt: NINE.toISOString(),
      holdUntil: minutes(35).toISOString(), // the default hold: 30 minutes
      timezone: 'America/New_York',
      acceptUrl: `${kit.services.portalUrl(alpha.slug)}/bookings?offer=${firstEntry.id}`,
    });
    expect(await offersTo(alpha, second)).toEqual([]);
    const [mine] = (await kit.as(alpha, first).waitlist.mine()).items;
    expect(mine).toMatchObject({
      id: firstEntry.id,
      status: 'offered',
      offer: { startsAt: NINE, localStartsAt: '2027-03-05T09:00:00-05:00' },
    });
    // Nobody but the client offered to can take it through the waitlist.
    await expect(
      kit.as(alpha, second).waitlist.accept({ id: firstEntry.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    setNow(minutes(30));
    const booked = await kit.as(alpha, first).waitlist.accept({ id: firstEntry.id });
    expect(booked).toMatchObject({ status: 'booked', startsAt: NINE, client: { id: first.id } });
    expect(booked.userPackageId).toBe(first.packageIds[0]);
    const staffView = await kit.as(alpha, alpha.staff).waitlist.forDay({ day: DAY });
    expect(staffView.items.map((entry) => [entry.id, entry.status])).toEqual([
      [firstEntry.id, 'booked'],
      [secondEntry.id, 'waiting'],
    ]);
    expect(staffView.items[0]!.reservationId).toBe(booked.id);
    // Accepting twice books nothing more.
    await expect(kit.as(alpha, first).waitlist.accept({ id: firstEntry.id })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    setNow(NOW);
  });

  it('an offer not taken within the hold passes to the next client when the expiry task runs; the hold is the clinic setting', async () => {
    await kit.as(alpha, alpha.owner).settings.update({ waitlistHoldMinutes: 10 });
    const day = '2027-03-12';
    const ten = new Date('2027-03-12T15:00:00Z');
    const holder = await client();
    const booking = await bookAt(holder, ten);
    const [w1, w2] = [await client(), await client()];
    const e1 = await kit.as(alpha, w1).waitlist.join({ branchId: where.branchId, day });
    const e2 = await kit.as(alpha, w2).waitlist.join({ branchId: where.branchId, day });

    await kit.as(alpha, holder).reservation.cancel({ id: booking.id });
    expect((await offersTo(alpha, w1))[0]?.data).toMatchObject({
      holdUntil: minutes(10).toISOString(),
    });

    // Too late: the hold has run out (even before the task passes it on).
    setNow(minutes(11));
    await expect(kit.as(alpha, w1).waitlist.accept({ id: e1.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await runExpiry()).toEqual({ expired: 1, offered: 1 });
    expect(await offersTo(alpha, w2)).toHaveLength(1);
    const entries = await kit.as(alpha, alpha.staff).waitlist.forDay({ day });
    expect(entries.items.map((entry) => [entry.id, entry.status])).toEqual([
      [e1.id, 'expired'],
      [e2.id, 'offered'],
    ]);
    // The task finds nothing more to do until the next hold runs out.
    expect(await runExpiry()).toEqual({ expired: 0, offered: 0 });

    // First come: someone booking the time in the booking flow gets it; the waiting client is told
    // and keeps their place.
    const walkIn = await client();
    await bookAt(walkIn, ten);
    await expect(kit.as(alpha, w2).waitlist.accept({ id: e2.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('still on the waitlist'),
    });
    const [again] = (await kit.as(alpha, w2).waitlist.mine()).items;
    expect(again).toMatchObject({ id: e2.id, status: 'waiting' });

    await kit.as(alpha, alpha.owner).settings.update({ waitlistHoldMinutes: 30 });
    setNow(NOW);
  });

  it("another clinic's waitlist is untouched: its waiting client hears nothing, and its entries answer NOT_FOUND", async () => {
    const day = '2027-03-19';
    const slot = new Date('2027-03-19T14:00:00Z');
    const betaWaiting = await client(beta);
    const betaEntry = await kit
      .as(beta, betaWaiting)
      .waitlist.join({ branchId: betaWhere.branchId, day });
    const holder = await client();
    const booking = await bookAt(holder, slot);
    const alphaWaiting = await client();
    await kit.as(alpha, alphaWaiting).waitlist.join({ branchId: where.branchId, day });
    const betaOutbox = await outboxOf(beta);

    await kit.as(alpha, holder).reservation.cancel({ id: booking.id });
    expect(await offersTo(alpha, alphaWaiting)).toHaveLength(1);
    expect(await outboxOf(beta)).toEqual(betaOutbox);
    expect((await kit.as(beta, betaWaiting).waitlist.mine()).items).toMatchObject([
      { id: betaEntry.id, status: 'waiting', offer: null },
    ]);
    for (const call of [
      () => kit.as(alpha, alphaWaiting).waitlist.leave({ id: betaEntry.id }),
      () => kit.as(alpha, alphaWaiting).waitlist.accept({ id: betaEntry.id }),
      () => kit.as(alpha, alphaWaiting).waitlist.join({ branchId: betaWhere.branchId, day }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const staffView = await kit.as(alpha, alpha.staff).waitlist.forDay({ day });
    expect(staffView.items.map((entry) => entry.id)).not.toContain(betaEntry.id);
  });

  it('joining: once per day, not for a past day, clients only; leaving an offer passes it on; a move away offers the old time', async () => {
    const day = '2027-03-26';
    const nine = new Date('2027-03-26T13:00:00Z'); // 09:00 EDT
    const [a, b, mover] = [await client(), await client(), await client()];
    const entryA = await kit.as(alpha, a).waitlist.join({ branchId: where.branchId, day });
    await expect(
      kit.as(alpha, a).waitlist.join({ branchId: where.branchId, day }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      kit.as(alpha, a).waitlist.join({ branchId: where.branchId, day: '2027-02-26' }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    await expect(
      kit.as(alpha, alpha.staff).waitlist.join({ branchId: where.branchId, day }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const entryB = await kit.as(alpha, b).waitlist.join({ branchId: where.branchId, day });

    // Moving a session away from 09:00 frees 09:00: offered to the first waiting (a).
    const booking = await kit.as(alpha, mover).reservation.create({ ...where, startsAt: nine });
    await kit
      .as(alpha, mover)
      .reservation.reschedule({ id: booking.id, startsAt: new Date('2027-03-26T14:00:00Z') });
    expect(await offersTo(alpha, a)).toHaveLength(1);

    // a leaves with the offer open: it passes straight to b.
    const left = await kit.as(alpha, a).waitlist.leave({ id: entryA.id });
    expect(left.status).toBe('left');
    expect(await offersTo(alpha, b)).toHaveLength(1);
    const [bEntry] = (await kit.as(alpha, b).waitlist.mine()).items;
    expect(bEntry).toMatchObject({ id: entryB.id, status: 'offered', offer: { startsAt: nine } });
    expect((await kit.as(alpha, a).waitlist.mine()).items).toEqual([]);
  });
});
