import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import { addClient, addSchedule, hm } from '../../testing/booking-test-setup';

// Two weeks of November 2026 on Mexico City's clock (UTC-6 all year since 2022).
const RANGE = { from: '2026-11-02', to: '2026-11-15' } as const;
const NOW = new Date('2026-11-20T18:00:00Z');
const ZONE = 'America/Mexico_City';
const local = (wall: string) => new Date(`${wall}-06:00`);
const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL = [0, 1, 2, 3, 4, 5, 6];

type Status = 'booked' | 'completed' | 'no_show' | 'cancelled';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

/** The local date (YYYY-MM-DD) of an instant on a zone's calendar, by Intl, not by the code under test. */
const dayIn = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instant);

describe("owners' reports", () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;
  let fullTime: { branchId: string; therapistId: string };
  let partTime: { branchId: string; therapistId: string };

  /** A reservation written straight through the clinic's tenant client. */
  async function reserve(
    clinic: TestClinic,
    at: { therapistId: string; branchId: string },
    startsAt: Date,
    minutes: number,
    status: Status,
    clientId = clinic.ids.client,
  ) {
    await runWithClinic(clinic.clinic, () =>
      clinic.db.reservation.create({
        data: {
          clinicId: clinic.clinic.id,
          clientId,
          therapistId: at.therapistId,
          branchId: at.branchId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + minutes * 60_000),
          status,
          payment: 'desk',
        },
      }),
    );
  }

  async function pay(
    clinic: TestClinic,
    amountCents: number,
    method: 'cash' | 'card_terminal' | 'transfer',
    createdAt: Date,
  ) {
    await runWithClinic(clinic.clinic, () =>
      clinic.db.payment.create({
        data: {
          clinicId: clinic.clinic.id,
          clientId: clinic.ids.client,
          amountCents,
          currency: 'mxn',
          method,
          recordedBy: clinic.staff.id,
          createdAt,
        },
      }),
    );
  }

  /** A package bought through Stripe (a completed checkout) or given by hand. */
  async function sell(
    clinic: TestClinic,
    createdAt: Date,
    how: 'stripe' | 'refunded' | 'manual',
    creditsLeft = 5,
  ) {
    const reference = how === 'manual' ? `manual:${randomUUID()}` : `cs_test_${randomUUID()}`;
    await runWithClinic(clinic.clinic, async () => {
      if (how !== 'manual') {
        await clinic.db.checkoutSession.create({
          data: {
            clinicId: clinic.clinic.id,
            id: reference,
            userId: clinic.ids.client,
            packageId: clinic.ids.package,
            status: how === 'stripe' ? 'completed' : 'refunded',
          },
        });
      }
      await clinic.db.userPackage.create({
        data: {
          clinicId: clinic.clinic.id,
          userId: clinic.ids.client,
          packageId: clinic.ids.package,
          creditsTotal: 5,
          creditsLeft,
          expiresAt: new Date('2027-02-01T00:00:00Z'),
          purchaseReference: reference,
          status: how === 'refunded' ? 'revoked' : 'active',
          createdAt,
        },
      });
    });
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
    kit.setNow(NOW);
    await kit.as(alpha, alpha.owner).settings.update({ timezone: ZONE, currency: 'mxn' });

    // Open 08:00–20:00 every day; one therapist 09:00–17:00 on weekdays, one 10:00–14:00 daily.
    fullTime = await addSchedule(alpha, {
      timeZone: ZONE,
      opening: [{ weekdays: ALL, from: hm(8), to: hm(20) }],
      shifts: [{ weekdays: WEEKDAYS, from: hm(9), to: hm(17) }],
    });
    partTime = await addSchedule(alpha, {
      timeZone: ZONE,
      opening: [],
      branchId: fullTime.branchId,
      shifts: [{ weekdays: ALL, from: hm(10), to: hm(14) }],
    });
    // The full-time therapist is off on Wednesday 4 November; the clinic closes on the 11th.
    await runWithClinic(alpha.clinic, async () => {
      await alpha.db.timeOff.create({
        data: {
          clinicId: alpha.clinic.id,
          therapistId: fullTime.therapistId,
          firstDay: new Date('2026-11-04'),
          lastDay: new Date('2026-11-04'),
        },
      });
      await alpha.db.timeOff.create({
        data: {
          clinicId: alpha.clinic.id,
          firstDay: new Date('2026-11-11'),
          lastDay: new Date('2026-11-11'),
        },
      });
    });

    await reserve(alpha, fullTime, local('2026-11-02T09:00'), 60, 'completed');
    await reserve(alpha, fullTime, local('2026-11-02T10:00'), 90, 'no_show');
    await reserve(alpha, fullTime, local('2026-11-03T09:00'), 60, 'cancelled');
    await reserve(alpha, fullTime, local('2026-11-03T09:00'), 45, 'completed');
    await reserve(alpha, fullTime, local('2026-11-10T16:00'), 60, 'completed');
    await reserve(alpha, partTime, local('2026-11-08T10:00'), 60, 'completed');
    await reserve(alpha, partTime, local('2026-11-15T13:00'), 60, 'booked');
    // Late on the last day in Mexico City: already the 16th in UTC, still in the range.
    await reserve(alpha, partTime, local('2026-11-15T19:30'), 30, 'no_show');
    // Just outside: the evening before the range (the 2nd in UTC) and the first minute after.
    await reserve(alpha, fullTime, local('2026-11-01T20:00'), 60, 'completed');
    await reserve(alpha, fullTime, local('2026-11-16T00:00'), 60, 'completed');

    await pay(alpha, 50_000, 'cash', local('2026-11-02T11:00'));
    await pay(alpha, 72_550, 'card_terminal', local('2026-11-09T12:00'));
    await pay(alpha, 10_000, 'cash', local('2026-11-15T23:59'));
    await pay(alpha, 99_900, 'transfer', local('2026-11-16T00:01'));

    await sell(alpha, local('2026-11-05T10:00'), 'stripe', 3);
    await sell(alpha, local('2026-11-06T10:00'), 'stripe', 0);
    await sell(alpha, local('2026-11-07T10:00'), 'refunded');
    await sell(alpha, local('2026-11-12T10:00'), 'manual', 2);
    await sell(alpha, local('2026-10-30T10:00'), 'stripe', 4);
  });
  afterAll(() => kit?.close());

  const owner = () => kit.as(alpha, alpha.owner);

  /** The figures worked out from the clinic's own rows, independently of the report's SQL. */
  async function expectedFigures() {
    const rows = await runWithClinic(alpha.clinic, async () => ({
      reservations: await alpha.db.reservation.findMany(),
      payments: await alpha.db.payment.findMany(),
      packages: await alpha.db.userPackage.findMany({ include: { package: true } }),
      checkouts: await alpha.db.checkoutSession.findMany(),
    }));
    const inRange = (instant: Date) => {
      const day = dayIn(instant, ZONE);
      return day >= RANGE.from && day <= RANGE.to;
    };
    const reservations = rows.reservations.filter((row) => inRange(row.startsAt));
    const count = (status: Status) => reservations.filter((row) => row.status === status).length;
    const completedCheckouts = new Set(
      rows.checkouts.filter((row) => row.status === 'completed').map((row) => row.id),
    );
    const sold = rows.packages.filter((row) => inRange(row.createdAt));
    const online = sold.filter((row) => completedCheckouts.has(row.purchaseReference));
    const revenue = (method: string) => {
      const payments = rows.payments.filter(
        (row) => row.method === method && inRange(row.createdAt),
      );
      return {
        amountCents: payments.reduce((sum, row) => sum + row.amountCents, 0),
        count: payments.length,
      };
    };
    const bookedMinutes = (therapistId: string) =>
      reservations
        .filter((row) => row.therapistId === therapistId && row.status !== 'cancelled')
        .reduce((sum, row) => sum + (row.endsAt.getTime() - row.startsAt.getTime()) / 60_000, 0);
    return {
      totals: {
        all: reservations.length,
        booked: count('booked'),
        completed: count('completed'),
        noShow: count('no_show'),
        cancelled: count('cancelled'),
      },
      rates: {
        cancellation: count('cancelled') / reservations.length,
        noShow: count('no_show') / (count('no_show') + count('completed')),
      },
      sold: sold.length,
      boughtOnline: online.length,
      onlineCents: online.reduce((sum, row) => sum + row.package.priceCents, 0),
      creditsOutstanding: rows.packages
        .filter((row) => row.status === 'active' && row.expiresAt > NOW)
        .reduce((sum, row) => sum + row.creditsLeft, 0),
      cash: revenue('cash'),
      card: revenue('card_terminal'),
      transfer: revenue('transfer'),
      bookedMinutes,
    };
  }

  it('counts bookings, rates, sales, credits and revenue exactly as the rows say', async () => {
    const report = await owner().report.summary({ ...RANGE, groupBy: 'day' });
    const expected = await expectedFigures();

    expect(report.range).toEqual({ ...RANGE, groupBy: 'day', timeZone: ZONE });
    expect(report.bookings.totals).toEqual(expected.totals);
    expect(expected.totals).toEqual({ all: 8, booked: 1, completed: 4, noShow: 2, cancelled: 1 });
    expect(report.rates.cancellation).toBeCloseTo(expected.rates.cancellation, 10);
    expect(report.rates.noShow).toBeCloseTo(expected.rates.noShow, 10);

    // One bucket per local day; the 19:30 session of the 15th is on the 15th.
    expect(report.bookings.buckets.map((bucket) => bucket.start)).toHaveLength(14);
    expect(report.bookings.buckets.at(-1)).toEqual({
      start: '2026-11-15',
      booked: 1,
      completed: 0,
      noShow: 1,
      cancelled: 0,
    });
    expect(report.bookings.buckets[0]).toEqual({
      start: '2026-11-02',
      booked: 0,
      completed: 1,
      noShow: 1,
      cancelled: 0,
    });

    const [sale] = report.packages.sales;
    expect(report.packages.sales).toHaveLength(1);
    expect(sale).toMatchObject({
      packageId: alpha.ids.package,
      sold: expected.sold,
      boughtOnline: expected.boughtOnline,
      onlineCents: expected.onlineCents,
    });
    expect(expected.boughtOnline).toBe(2);
    expect(report.packages.creditsOutstanding).toBe(expected.creditsOutstanding);

    const method = (name: string) =>
      report.revenue.find((line) => line.method === name) ?? { amountCents: 0, count: 0 };
    expect(method('cash')).toMatchObject(expected.cash);
    expect(method('card_terminal')).toMatchObject(expected.card);
    expect(method('transfer')).toMatchObject({ amountCents: 0, count: 0 });
    expect(expected.transfer).toEqual({ amountCents: 0, count: 0 });
    expect(method('stripe')).toMatchObject({
      currency: 'mxn',
      amountCents: expected.onlineCents,
      count: expected.boughtOnline,
    });
  });

  it('measures utilisation against weekly hours less time off and holidays', async () => {
    const report = await owner().report.summary({ ...RANGE, groupBy: 'week' });
    const expected = await expectedFigures();
    // Weekdays 2–15 Nov: 10, less the therapist's day off (4th) and the holiday (11th): 8 × 8 h.
    const fullTimeAvailable = 8 * 8 * 60;
    // Every day but the holiday: 13 × 4 h.
    const partTimeAvailable = 13 * 4 * 60;
    const therapist = (id: string) => report.utilisation.therapists.find((row) => row.id === id);
    expect(therapist(fullTime.therapistId)).toMatchObject({
      bookedMinutes: expected.bookedMinutes(fullTime.therapistId),
      availableMinutes: fullTimeAvailable,
    });
    expect(expected.bookedMinutes(fullTime.therapistId)).toBe(60 + 90 + 45 + 60);
    expect(therapist(fullTime.therapistId)!.rate).toBeCloseTo(255 / fullTimeAvailable, 10);
    expect(therapist(partTime.therapistId)).toMatchObject({
      bookedMinutes: 150,
      availableMinutes: partTimeAvailable,
    });
    const branch = report.utilisation.branches.find((row) => row.id === fullTime.branchId);
    expect(branch).toMatchObject({
      bookedMinutes: 255 + 150,
      availableMinutes: fullTimeAvailable + partTimeAvailable,
    });
    // Weeks start on Monday: 2 and 9 November.
    expect(report.bookings.buckets.map((bucket) => bucket.start)).toEqual([
      '2026-11-02',
      '2026-11-09',
    ]);
  });

  it("never counts another clinic's rows: a clinic-B booking on the same day moves nothing", async () => {
    const before = await owner().report.summary({ ...RANGE, groupBy: 'day' });
    await reserve(
      beta,
      { therapistId: beta.ids.therapist, branchId: beta.ids.branch },
      local('2026-11-02T12:00'),
      60,
      'no_show',
    );
    await pay(beta, 123_400, 'cash', local('2026-11-02T12:30'));
    await sell(beta, local('2026-11-02T13:00'), 'stripe');
    const after = await owner().report.summary({ ...RANGE, groupBy: 'day' });
    expect(after).toEqual(before);
    const seenByB = await kit.as(beta, beta.owner).report.summary({ ...RANGE, groupBy: 'day' });
    expect(seenByB.bookings.totals.noShow).toBe(1);
    expect(JSON.stringify(seenByB)).not.toContain(fullTime.therapistId);
  });

  it('downloads a CSV that parses back to the same figures', async () => {
    const report = await owner().report.summary({ ...RANGE, groupBy: 'day' });
    const file = await owner().report.csv({ ...RANGE, groupBy: 'day' });
    expect(file.fileName).toBe('report-2026-11-02-2026-11-15.csv');
    expect(file.content.startsWith('\uFEFFsection,id,item,metric,value,currency\r\n')).toBe(true);
    const rows = parse(file.content, { bom: true, columns: true }) as Record<string, string>[];
    const value = (section: string, item: string, metric: string) =>
      rows.find((row) => row.section === section && row.item === item && row.metric === metric)
        ?.value;
    expect(Number(value('totals', 'all', 'reservations'))).toBe(report.bookings.totals.all);
    expect(Number(value('totals', 'all', 'no_show'))).toBe(report.bookings.totals.noShow);
    for (const bucket of report.bookings.buckets) {
      expect(Number(value('bookings', bucket.start, 'completed'))).toBe(bucket.completed);
    }
    const cash = report.revenue.find((line) => line.method === 'cash')!;
    expect(Number(value('revenue', 'cash', 'amount'))).toBe(cash.amountCents / 100);
    expect(Number(value('credits', 'outstanding', 'credits'))).toBe(
      report.packages.creditsOutstanding,
    );
    for (const item of report.utilisation.therapists) {
      const row = rows.find(
        (line) =>
          line.section === 'utilisation_therapist' &&
          line.id === item.id &&
          line.metric === 'available_minutes',
      );
      expect(Number(row?.value)).toBe(item.availableMinutes);
    }
  });

  it('quotes names with commas, quotes and line breaks, and defuses formulas', async () => {
    const odd = await addSchedule(alpha, {
      timeZone: ZONE,
      opening: [],
      branchId: fullTime.branchId,
      shifts: [{ weekdays: [1], from: hm(9), to: hm(10) }],
    });
    const name = '=HYPERLINK("http://evil.test","Ana, \u00c1lvarez")\nline two';
    await runWithClinic(alpha.clinic, () =>
      alpha.db.therapist.updateMany({ where: { id: odd.therapistId }, data: { name } }),
    );
    const file = await owner().report.csv({ ...RANGE, groupBy: 'day' });
    const rows = parse(file.content, { bom: true, columns: true }) as Record<string, string>[];
    const row = rows.find((line) => line.id === odd.therapistId);
    expect(row?.item).toBe(`'${name}`);
  });

  it('is for owners only: staff, therapists and clients are refused', async () => {
    const input = { ...RANGE, groupBy: 'day' } as const;
    expect(await codeOf(kit.as(alpha, alpha.staff).report.summary(input))).toBe('FORBIDDEN');
    expect(await codeOf(kit.as(alpha, alpha.therapistUser).report.csv(input))).toBe('FORBIDDEN');
    const client = await addClient(kit, alpha);
    expect(await codeOf(kit.as(alpha, client).report.summary(input))).toBe('FORBIDDEN');
    expect(await codeOf(kit.caller('alpha').report.summary(input))).toBe('UNAUTHORIZED');
  });

  it('refuses a range that ends before it starts or spans more than a year', async () => {
    expect(
      await codeOf(
        owner().report.summary({ from: '2026-11-15', to: '2026-11-02', groupBy: 'day' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      await codeOf(
        owner().report.summary({ from: '2025-01-01', to: '2026-06-30', groupBy: 'week' }),
      ),
    ).toBe('BAD_REQUEST');
  });
});
