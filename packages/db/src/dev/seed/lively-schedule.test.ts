import { describe, expect, it } from 'vitest';

import { buildClinicRows } from './build-rows';
import { DEMO_CLINICS } from './demo-clinics';
import { anchorWeek } from './local-time';
import { buildLivelySchedule } from './lively-schedule';
import type { ClinicSpec } from './spec';

const DAY = 86_400_000;
// A Wednesday: Monday and Tuesday of the seed week are past, the rest of it ahead.
const today = new Date('2026-12-02T00:00:00Z');
const anchor = anchorWeek(today);
const hashesFor = (spec: ClinicSpec) =>
  new Map(spec.users.map((user) => [user.email, `hash-of-${user.email}`]));
const lively = (spec: ClinicSpec, day = today) => {
  const rows = buildClinicRows(spec, anchorWeek(day), hashesFor(spec));
  return { rows, lively: buildLivelySchedule(spec, rows, anchorWeek(day), day) };
};

describe('the lively schedule', () => {
  it('is the same for the same day', () => {
    for (const spec of DEMO_CLINICS) expect(lively(spec).lively).toEqual(lively(spec).lively);
  });

  it('keeps this week busy, the past attended and paid, and the coming weeks partly booked', () => {
    for (const spec of DEMO_CLINICS) {
      const { reservations, payments } = lively(spec).lively;
      const week = (offset: number) =>
        reservations.filter((row) => {
          const start = new Date(row.startsAt).getTime();
          return (
            start >= anchor.getTime() + offset * 7 * DAY &&
            start < anchor.getTime() + (offset + 1) * 7 * DAY
          );
        });
      expect(week(0).length, spec.slug).toBeGreaterThan(20);
      expect(week(0).length).toBeGreaterThan(week(2).length);
      expect(week(2).length).toBeGreaterThan(0);
      // Past and upcoming are told apart by the branch's calendar day: within a day of today.
      for (const row of reservations) {
        const start = new Date(row.startsAt).getTime();
        if (row.status === 'booked') expect(start).toBeGreaterThan(today.getTime() - DAY);
        else expect(start).toBeLessThan(today.getTime() + DAY);
        expect(row.payment).toBe('desk');
      }
      const completed = reservations.filter((row) => row.status === 'completed');
      expect(reservations.some((row) => row.status === 'no_show')).toBe(true);
      expect(payments.map((payment) => payment.reservationId).sort()).toEqual(
        completed.map((row) => row.id).sort(),
      );
      expect(completed.every((row) => row.arrivedAt !== null)).toBe(true);
    }
  });

  it('never double-books a therapist or a client, counting the spec’s own reservations', () => {
    for (const spec of DEMO_CLINICS) {
      const { rows, lively: extra } = lively(spec);
      const all = [...rows.reservations, ...extra.reservations].filter(
        (row) => row.status !== 'cancelled',
      );
      for (const key of ['therapistId', 'clientId'] as const) {
        const byKey = new Map<string, { start: number; end: number }[]>();
        for (const row of all) {
          const list = byKey.get(row[key]) ?? [];
          const start = new Date(row.startsAt).getTime();
          const end = new Date(row.endsAt).getTime();
          expect(list.some((other) => other.start < end && start < other.end)).toBe(false);
          byKey.set(row[key], [...list, { start, end }]);
        }
      }
    }
  });

  it('books nothing on the clinic holiday and names a service the therapist offers', () => {
    const christmasWeek = new Date('2026-12-23T00:00:00Z');
    for (const spec of DEMO_CLINICS) {
      const { rows, lively: extra } = lively(spec, christmasWeek);
      const localDay = (row: (typeof extra.reservations)[number]) =>
        new Date(row.startsAt).toLocaleDateString('en-CA', {
          timeZone: rows.branches.find((branch) => branch.id === row.branchId)!.timezone,
        });
      expect(extra.timeOff).toMatchObject([{ therapistId: null, recursYearly: true }]);
      expect(extra.reservations.filter((row) => localDay(row) === '2026-12-25')).toEqual([]);
      for (const row of extra.reservations) {
        if (row.serviceId === null) continue;
        expect(
          extra.therapistServices.some(
            (link) => link.serviceId === row.serviceId && link.therapistId === row.therapistId,
          ),
        ).toBe(true);
      }
    }
  });
});
