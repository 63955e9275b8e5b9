import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import {
  addClient,
  addSchedule,
  auditOf,
  MADRID_DAILY,
  madridSummer,
} from '../../testing/booking-test-setup';

// Monday 2026-05-04, 08:00 in Madrid (CEST, +02:00).
const NOW = new Date('2026-05-04T06:00:00Z');
const LATE_2027 = new Date('2027-12-31T00:00:00Z');

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

describe('time off and clinic holidays', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let madrid: { branchId: string; therapistId: string };
  let colleague: { branchId: string; therapistId: string };

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    madrid = await addSchedule(alpha, MADRID_DAILY);
    colleague = await addSchedule(alpha, { ...MADRID_DAILY, branchId: madrid.branchId });
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({
        where: { id: madrid.therapistId },
        data: { userId: alpha.therapistUser.id },
      }),
    );
    kit.setNow(NOW);
  });
  afterAll(() => kit?.close());

  const staff = () => kit.as(alpha, alpha.staff);
  const slotDays = async (therapistId: string, from: string, to: string) => {
    const { slots } = await staff().therapist.availability({
      therapistId,
      from: madridSummer(`${from}T00:00:00`),
      to: madridSummer(`${to}T00:00:00`),
    });
    return [...new Set(slots.map((slot) => slot.localStartsAt.slice(0, 10)))];
  };
  const book = (therapistId: string, local: string, clientId: string) =>
    staff().reservation.create({
      therapistId,
      branchId: madrid.branchId,
      clientId,
      startsAt: madridSummer(local),
    });

  it("a therapist's time off leaves availability and refuses bookings; sessions already booked are listed", async () => {
    const client = await addClient(kit, alpha, [{ credits: 5, expiresAt: LATE_2027 }]);
    const inTheWay = await book(madrid.therapistId, '2026-05-19T10:00:00', client.id);
    const { timeOff, conflicts } = await staff().timeOff.create({
      therapistId: madrid.therapistId,
      firstDay: '2026-05-18',
      lastDay: '2026-05-20',
      reason: 'Conference',
    });
    expect(conflicts.map((reservation) => reservation.id)).toEqual([inTheWay.id]);
    expect(await slotDays(madrid.therapistId, '2026-05-17', '2026-05-22')).toEqual([
      '2026-05-17',
      '2026-05-21',
    ]);
    // The colleague is unaffected.
    expect(await slotDays(colleague.therapistId, '2026-05-17', '2026-05-19')).toEqual([
      '2026-05-17',
      '2026-05-18',
    ]);
    expect(await codeOf(book(madrid.therapistId, '2026-05-18T10:00:00', client.id))).toBe(
      'UNPROCESSABLE_CONTENT',
    );
    expect(await staff().timeOff.conflicts({ id: timeOff.id })).toHaveLength(1);
    expect(await auditOf(alpha, timeOff.id)).toMatchObject([
      { action: 'time_off.create', metadata: { conflicts: 1 } },
    ]);

    await staff().timeOff.remove({ id: timeOff.id });
    expect(await slotDays(madrid.therapistId, '2026-05-18', '2026-05-19')).toEqual(['2026-05-18']);
  });

  it('a yearly clinic holiday closes every therapist on that date, this year and the next', async () => {
    const { timeOff } = await staff().timeOff.create({
      firstDay: '2026-06-24',
      lastDay: '2026-06-24',
      recursYearly: true,
      reason: 'Sant Joan',
    });
    expect(timeOff.therapist).toBeNull();
    for (const therapist of [madrid, colleague]) {
      expect(await slotDays(therapist.therapistId, '2026-06-23', '2026-06-26')).toEqual([
        '2026-06-23',
        '2026-06-25',
      ]);
      expect(await slotDays(therapist.therapistId, '2027-06-24', '2027-06-25')).toEqual([]);
    }
    const client = await addClient(kit, alpha, [{ credits: 1, expiresAt: LATE_2027 }]);
    expect(await codeOf(book(colleague.therapistId, '2027-06-24T10:00:00', client.id))).toBe(
      'UNPROCESSABLE_CONTENT',
    );
  });

  it('a therapist sets their own time off only; holidays and clients are refused', async () => {
    const therapist = kit.as(alpha, alpha.therapistUser);
    const own = await therapist.timeOff.create({
      therapistId: madrid.therapistId,
      firstDay: '2026-08-03',
      lastDay: '2026-08-14',
    });
    expect(own.timeOff.therapist?.id).toBe(madrid.therapistId);
    expect(
      await codeOf(
        therapist.timeOff.create({
          therapistId: colleague.therapistId,
          firstDay: '2026-08-03',
          lastDay: '2026-08-04',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(therapist.timeOff.create({ firstDay: '2026-08-03', lastDay: '2026-08-04' })),
    ).toBe('FORBIDDEN');
    const listed = await therapist.timeOff.list();
    expect(
      listed.every(
        (entry) => entry.therapist === null || entry.therapist.id === madrid.therapistId,
      ),
    ).toBe(true);
    const client = kit.as(alpha, alpha.client);
    expect(await codeOf(client.timeOff.list())).toBe('FORBIDDEN');
  });

  it('refuses a last day before the first, and more than a year', async () => {
    expect(
      await codeOf(staff().timeOff.create({ firstDay: '2026-05-10', lastDay: '2026-05-09' })),
    ).toBe('BAD_REQUEST');
    expect(
      await codeOf(staff().timeOff.create({ firstDay: '2026-05-10', lastDay: '2027-06-09' })),
    ).toBe('BAD_REQUEST');
  });
});
