import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

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
  auditOf,
  creditsOf,
  hm,
  LATE_2026,
  MADRID_DAILY,
  madridSummer,
  reservationsOf,
} from '../../testing/booking-test-setup';

// Madrid is on CEST (+02:00) for every session below.
const NOW = new Date('2026-03-30T08:00:00Z');

describe('reservation.cancel and reservation.reschedule', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let madrid: { branchId: string; therapistId: string };
  let colleague: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    madrid = await addSchedule(alpha, MADRID_DAILY);
    // A second therapist at the same branch.
    colleague = await addSchedule(alpha, {
      timeZone: 'Europe/Madrid',
      branchId: madrid.branchId,
      opening: [],
      shifts: [{ weekdays: ALL_WEEK, from: hm(9), to: hm(17) }],
    });
    kit.setNow(NOW);
  });
  afterEach(() => kit.setNow(NOW));
  afterAll(() => kit?.close());

  const client = () => addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2026 }]);
  const book = (user: TestUser, startsAt: Date, where = madrid) =>
    kit
      .as(alpha, user)
      .reservation.create({ therapistId: where.therapistId, branchId: where.branchId, startsAt });
  const stored = async (id: string) => (await reservationsOf(alpha)).find((row) => row.id === id);

  describe('cancel', () => {
    it('at least the window (24 h) ahead returns the credit; cancelling again is a CONFLICT', async () => {
      const who = await client();
      const reservation = await book(who, madridSummer('2026-04-02T10:00:00'));
      expect(await creditsOf(alpha, who.packageIds)).toEqual([4]);

      const cancelledAt = new Date('2026-04-01T08:00:00Z'); // exactly 24 h before
      kit.setNow(cancelledAt);
      const result = await kit.as(alpha, who).reservation.cancel({ id: reservation.id });
      expect(result).toMatchObject({
        creditReturned: true,
        reservation: { id: reservation.id, status: 'cancelled', cancelledAt },
      });
      expect(await creditsOf(alpha, who.packageIds)).toEqual([5]);
      expect((await auditOf(alpha, reservation.id)).map((entry) => entry.action)).toEqual([
        'reservation.create',
        'reservation.cancel',
      ]);

      await expect(
        kit.as(alpha, who).reservation.cancel({ id: reservation.id }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'This reservation is already cancelled.',
      });
      expect(await creditsOf(alpha, who.packageIds)).toEqual([5]);
    });

    it('inside the window keeps the credit used, says so, and frees the slot', async () => {
      const who = await client();
      const reservation = await book(who, madridSummer('2026-04-02T12:00:00'));
      kit.setNow(new Date('2026-04-01T10:00:00.001Z')); // a millisecond inside 24 h
      const result = await kit.as(alpha, who).reservation.cancel({ id: reservation.id });
      expect(result.creditReturned).toBe(false);
      expect(await creditsOf(alpha, who.packageIds)).toEqual([4]);
      const someoneElse = await client();
      await expect(book(someoneElse, madridSummer('2026-04-02T12:00:00'))).resolves.toMatchObject({
        status: 'booked',
      });
    });

    it("follows the clinic's own cancellation window", async () => {
      const owner = new pg.Client({ connectionString: kit.database.ownerUrl });
      await owner.connect();
      const setWindow = (hours: number) =>
        owner.query('UPDATE clinics SET cancellation_window_hours = $1 WHERE slug = $2', [
          hours,
          'alpha',
        ]);
      try {
        await setWindow(2);
        const who = await client();
        const reservation = await book(who, madridSummer('2026-04-02T14:00:00'));
        kit.setNow(new Date('2026-04-02T09:00:00Z')); // 3 h before
        const result = await kit.as(alpha, who).reservation.cancel({ id: reservation.id });
        expect(result.creditReturned).toBe(true);
        expect(await creditsOf(alpha, who.packageIds)).toEqual([5]);
      } finally {
        await setWindow(24);
        await owner.end();
      }
    });

    it("a client cannot cancel another client's reservation (NOT_FOUND); staff can; started sessions cannot be", async () => {
      const mine = await client();
      const theirs = await client();
      const reservation = await book(theirs, madridSummer('2026-04-03T10:00:00'));
      await expect(
        kit.as(alpha, mine).reservation.cancel({ id: reservation.id }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Reservation not found.' });
      await expect(
        kit.as(alpha, alpha.therapistUser).reservation.cancel({ id: reservation.id }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await stored(reservation.id))?.status).toBe('booked');

      const started = await book(theirs, madridSummer('2026-04-03T12:00:00'));
      kit.setNow(new Date('2026-04-03T10:00:00Z'));
      await expect(
        kit.as(alpha, alpha.staff).reservation.cancel({ id: started.id }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });

      kit.setNow(NOW);
      const result = await kit.as(alpha, alpha.staff).reservation.cancel({ id: reservation.id });
      expect(result.creditReturned).toBe(true);
      expect(await creditsOf(alpha, theirs.packageIds)).toEqual([4]);
    });
  });

  describe('reschedule', () => {
    it('moves the session, frees the old slot and keeps the credit where it was', async () => {
      const who = await client();
      const reservation = await book(who, madridSummer('2026-04-06T10:00:00'));
      const moved = await kit.as(alpha, who).reservation.reschedule({
        id: reservation.id,
        startsAt: madridSummer('2026-04-06T12:00:00'),
      });
      expect(moved).toMatchObject({
        id: reservation.id,
        status: 'booked',
        startsAt: madridSummer('2026-04-06T12:00:00'),
        endsAt: madridSummer('2026-04-06T13:00:00'),
        userPackageId: reservation.userPackageId,
      });
      expect(await creditsOf(alpha, who.packageIds)).toEqual([4]);
      expect((await auditOf(alpha, reservation.id)).map((entry) => entry.action)).toEqual([
        'reservation.create',
        'reservation.reschedule',
      ]);
      const someoneElse = await client();
      await expect(book(someoneElse, madridSummer('2026-04-06T10:00:00'))).resolves.toMatchObject({
        status: 'booked',
      });
    });

    it('may overlap its own old time (it is the same session)', async () => {
      const who = await client();
      const reservation = await book(who, madridSummer('2026-04-06T14:00:00'));
      await expect(
        kit.as(alpha, who).reservation.reschedule({
          id: reservation.id,
          startsAt: madridSummer('2026-04-06T14:30:00'),
        }),
      ).resolves.toMatchObject({ startsAt: madridSummer('2026-04-06T14:30:00') });
    });

    it('a taken new slot is a CONFLICT and leaves the reservation exactly as it was, old slot still held', async () => {
      const x = await client();
      const y = await client();
      await book(x, madridSummer('2026-04-07T10:00:00'));
      const mine = await book(y, madridSummer('2026-04-07T14:00:00'));
      const before = await stored(mine.id);

      await expect(
        kit
          .as(alpha, y)
          .reservation.reschedule({ id: mine.id, startsAt: madridSummer('2026-04-07T10:30:00') }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'That time is already booked with this therapist.',
      });
      expect(await stored(mine.id)).toEqual(before);
      expect(await creditsOf(alpha, y.packageIds)).toEqual([4]);
      await expect(book(x, madridSummer('2026-04-07T14:00:00'))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect((await auditOf(alpha, mine.id)).map((entry) => entry.action)).toEqual([
        'reservation.create',
      ]);
    });

    it('a new slot outside the rules is UNPROCESSABLE and changes nothing', async () => {
      const who = await client();
      const reservation = await book(who, madridSummer('2026-04-08T10:00:00'));
      const before = await stored(reservation.id);
      for (const startsAt of [
        madridSummer('2026-04-08T16:30:00'),
        madridSummer('2026-04-08T10:10:00'),
        madridSummer('2026-03-30T09:00:00'),
      ]) {
        await expect(
          kit.as(alpha, who).reservation.reschedule({ id: reservation.id, startsAt }),
        ).rejects.toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
      }
      expect(await stored(reservation.id)).toEqual(before);
    });

    it('can move to another therapist; staff can move any client; the old therapist is free again', async () => {
      const who = await client();
      const reservation = await book(who, madridSummer('2026-04-09T10:00:00'));
      const moved = await kit.as(alpha, alpha.staff).reservation.reschedule({
        id: reservation.id,
        startsAt: madridSummer('2026-04-09T10:00:00'),
        therapistId: colleague.therapistId,
      });
      expect(moved.therapist.id).toBe(colleague.therapistId);
      await expect(
        book(await client(), madridSummer('2026-04-09T10:00:00')),
      ).resolves.toMatchObject({
        therapist: { id: madrid.therapistId },
      });
    });

    it("another client's reservation is NOT_FOUND; a cancelled one cannot move", async () => {
      const mine = await client();
      const theirs = await client();
      const reservation = await book(theirs, madridSummer('2026-04-10T10:00:00'));
      await expect(
        kit.as(alpha, mine).reservation.reschedule({
          id: reservation.id,
          startsAt: madridSummer('2026-04-10T12:00:00'),
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await kit.as(alpha, theirs).reservation.cancel({ id: reservation.id });
      await expect(
        kit.as(alpha, theirs).reservation.reschedule({
          id: reservation.id,
          startsAt: madridSummer('2026-04-10T12:00:00'),
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });
});
