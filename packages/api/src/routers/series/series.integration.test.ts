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
  ALL_WEEK,
  creditsOf,
  hm,
  reservationsOf,
} from '../../testing/booking-test-setup';

// Monday 2027-03-01 in New York (EST, -05:00). New York springs forward on Sunday 2027-03-14
// (02:00 → 03:00, EDT -04:00): a weekly 09:00 session from Wednesday 3 March crosses it.
const NOW = new Date('2027-03-01T12:00:00Z');
const LATE_2027 = new Date('2027-12-31T00:00:00Z');
const FIRST = new Date('2027-03-03T14:00:00Z'); // Wed 3 March, 09:00 EST
const WEEKLY_0900 = [
  '2027-03-03T14:00:00.000Z',
  '2027-03-10T14:00:00.000Z',
  '2027-03-17T13:00:00.000Z', // 09:00 EDT
  '2027-03-24T13:00:00.000Z',
];

describe('recurring bookings (series)', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let branchId: string;

  beforeAll(async () => {
    kit = await createApiTestKit();
    // Before the clinic: its users' sessions start on the test clock.
    kit.setNow(NOW);
    alpha = await kit.addClinic('alpha');
    ({ branchId } = await addSchedule(alpha, {
      timeZone: 'America/New_York',
      opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: [1, 2, 3, 4, 5], from: hm(9), to: hm(17) }],
    }));
    kit.setNow(NOW);
  });
  afterAll(() => kit?.close());

  /** A therapist of their own per test, at the New York branch, Monday to Friday 09:00–17:00. */
  const newTherapist = async () =>
    (
      await addSchedule(alpha, {
        timeZone: 'America/New_York',
        opening: [],
        shifts: [{ weekdays: [1, 2, 3, 4, 5], from: hm(9), to: hm(17) }],
        branchId,
      })
    ).therapistId;
  const pattern = (therapistId: string, occurrences = 4) => ({
    therapistId,
    branchId,
    startsAt: FIRST,
    everyWeeks: 1,
    occurrences,
  });
  const ofTherapist = async (therapistId: string) =>
    (await reservationsOf(alpha)).filter((row) => row.therapistId === therapistId);

  it('a weekly series across the DST change stays at 09:00 on the branch clock: previewed free, booked in one go, one credit each', async () => {
    const therapistId = await newTherapist();
    const client = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2027 }]);
    const api = kit.as(alpha, client);

    const preview = await api.series.preview(pattern(therapistId));
    expect(preview.timeZone).toBe('America/New_York');
    expect(preview.occurrences.map((o) => [o.localStartsAt, o.conflict])).toEqual([
      ['2027-03-03T09:00:00-05:00', null],
      ['2027-03-10T09:00:00-05:00', null],
      ['2027-03-17T09:00:00-04:00', null],
      ['2027-03-24T09:00:00-04:00', null],
    ]);
    expect(await ofTherapist(therapistId)).toEqual([]);

    const result = await api.series.book({
      ...pattern(therapistId),
      book: preview.occurrences.map((o) => o.startsAt),
    });
    expect(result.notBooked).toEqual([]);
    expect(result.booked.map((r) => r.startsAt.toISOString())).toEqual(WEEKLY_0900);
    expect(
      result.booked.every((r) => r.seriesId === result.seriesId && r.status === 'booked'),
    ).toBe(true);
    expect(result.booked.map((r) => r.localStartsAt.slice(11, 16))).toEqual([
      '09:00',
      '09:00',
      '09:00',
      '09:00',
    ]);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([1]);
    const listed = await api.reservation.list({ from: NOW });
    expect(listed.items.filter((r) => r.seriesId === result.seriesId)).toHaveLength(4);
    const confirmations = await runWithClinic(alpha.clinic, () =>
      alpha.db.outboxMessage.count({
        where: { toEmail: client.email, kind: 'booking.confirmed' },
      }),
    );
    expect(confirmations).toBe(4);
  });

  it('lists each conflict with its reason; booking a conflicting one books nothing, booking the free ones books just those', async () => {
    const therapistId = await newTherapist();
    const staff = kit.as(alpha, alpha.staff);
    await staff.timeOff.create({ therapistId, firstDay: '2027-03-17', lastDay: '2027-03-17' });
    const other = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2027 }]);
    await kit.as(alpha, other).reservation.create({
      therapistId,
      branchId,
      startsAt: new Date('2027-03-24T13:30:00Z'), // 09:30 EDT: overlaps the fourth
    });
    const client = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2027 }]);
    const api = kit.as(alpha, client);

    const preview = await api.series.preview(pattern(therapistId));
    expect(preview.occurrences.map((o) => o.conflict?.reason ?? 'free')).toEqual([
      'free',
      'free',
      'DAY_OFF',
      'TAKEN',
    ]);
    const before = await ofTherapist(therapistId);
    await expect(
      api.series.book({
        ...pattern(therapistId),
        book: preview.occurrences.map((o) => o.startsAt),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await ofTherapist(therapistId)).toEqual(before);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([5]);

    const free = preview.occurrences.filter((o) => !o.conflict).map((o) => o.startsAt);
    const result = await api.series.book({ ...pattern(therapistId), book: free });
    expect(result.booked.map((r) => r.startsAt.toISOString())).toEqual(WEEKLY_0900.slice(0, 2));
    expect(result.notBooked.map((o) => [o.startsAt.toISOString(), o.conflict?.reason])).toEqual([
      [WEEKLY_0900[2], 'DAY_OFF'],
      [WEEKLY_0900[3], 'TAKEN'],
    ]);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([3]);
    // A time that is not one of the pattern's is refused.
    await expect(
      api.series.book({
        ...pattern(therapistId),
        book: [new Date('2027-03-05T14:00:00Z')],
      }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
  });

  it('credits running short: the preview marks the sessions no credit covers; booking them is refused whole', async () => {
    const therapistId = await newTherapist();
    // One package of 2 credits, and one valid only until 12 March (covers the first week only).
    const client = await addClient(kit, alpha, [
      { credits: 2, expiresAt: LATE_2027 },
      { credits: 3, expiresAt: new Date('2027-03-04T00:00:00Z') },
    ]);
    const api = kit.as(alpha, client);
    const preview = await api.series.preview(pattern(therapistId));
    expect(preview.occurrences.map((o) => o.conflict?.reason ?? 'free')).toEqual([
      'free',
      'free',
      'free',
      'NO_CREDIT',
    ]);
    await expect(
      api.series.book({
        ...pattern(therapistId),
        book: preview.occurrences.map((o) => o.startsAt),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await ofTherapist(therapistId)).toEqual([]);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([2, 3]);

    const booked = await api.series.book({
      ...pattern(therapistId),
      book: preview.occurrences.slice(0, 3).map((o) => o.startsAt),
    });
    // The short-lived package pays the first week; the long one the next two.
    expect(booked.booked.map((r) => r.userPackageId)).toEqual([
      client.packageIds[1],
      client.packageIds[0],
      client.packageIds[0],
    ]);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([0, 2]);
  });

  it('two clients booking the same series at once: exactly one gets it; the other books nothing and keeps its credits', async () => {
    const therapistId = await newTherapist();
    const [ana, ben] = await Promise.all([
      addClient(kit, alpha, [{ credits: 4, expiresAt: LATE_2027 }]),
      addClient(kit, alpha, [{ credits: 4, expiresAt: LATE_2027 }]),
    ]);
    const bookFor = (client: TestUser) =>
      kit.as(alpha, client).series.book({
        ...pattern(therapistId),
        book: WEEKLY_0900.map((iso) => new Date(iso)),
      });
    const results = await Promise.allSettled([bookFor(ana), bookFor(ben)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const rows = (await ofTherapist(therapistId)).filter((row) => row.status === 'booked');
    expect(rows).toHaveLength(4);
    const winner = rows[0]!.clientId;
    expect(rows.every((row) => row.clientId === winner)).toBe(true);
    const loser = winner === ana.id ? ben : ana;
    expect(await creditsOf(alpha, loser.packageIds)).toEqual([4]);
    const loserSeries = await runWithClinic(alpha.clinic, () =>
      alpha.db.reservationSeries.count({ where: { clientId: loser.id } }),
    );
    expect(loserSeries).toBe(0);
  });

  it('cancel "this one", then "this and all following": each session gets its credit back by its own cancellation window', async () => {
    const therapistId = await newTherapist();
    const client = await addClient(kit, alpha, [{ credits: 4, expiresAt: LATE_2027 }]);
    const api = kit.as(alpha, client);
    const { booked } = await api.series.book({
      ...pattern(therapistId),
      book: WEEKLY_0900.map((iso) => new Date(iso)),
    });
    const [first, second, third, fourth] = booked.map((r) => r.id);

    // This one: only the first, days ahead, credit back.
    const one = await api.reservation.cancel({ id: first! });
    expect(one.creditReturned).toBe(true);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([1]);

    // Another client cannot cancel someone else's series.
    const stranger = await addClient(kit, alpha);
    await expect(
      kit.as(alpha, stranger).series.cancelFollowing({ id: second! }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // 22 hours before the second (inside the 24-hour window): it keeps its credit used.
    kit.setNow(new Date('2027-03-09T16:00:00Z'));
    try {
      const following = await api.series.cancelFollowing({ id: second! });
      expect(following.cancelled).toEqual([
        { id: second, creditReturned: false },
        { id: third, creditReturned: true },
        { id: fourth, creditReturned: true },
      ]);
    } finally {
      kit.setNow(NOW);
    }
    const statuses = (await ofTherapist(therapistId)).map((row) => row.status);
    expect(statuses).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(await creditsOf(alpha, client.packageIds)).toEqual([3]);
    // A booking outside any series has no "following".
    const single = await api.reservation.create({
      therapistId,
      branchId,
      startsAt: new Date('2027-03-31T13:00:00Z'),
    });
    await expect(api.series.cancelFollowing({ id: single.id })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
  });
});
