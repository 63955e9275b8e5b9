import { addMinutes } from 'date-fns';
import { describe, expect, it } from 'vitest';

import { checkSlot } from './check-slot';
import { freeSlots } from './free-slots';
import { formatLocal } from './local-time';
import type { BranchSchedule, WeeklyInterval } from './weekly-schedule';

const MADRID = 'Europe/Madrid';
const LONG_AGO = new Date('2020-01-01T00:00:00Z');
const hm = (hours: number, minutes = 0) => hours * 60 + minutes;
const everyDay = (startMinute: number, endMinute: number): WeeklyInterval[] =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute, endMinute }));
const sundays = (startMinute: number, endMinute: number): WeeklyInterval[] => [
  { weekday: 0, startMinute, endMinute },
];

function slotsOn(
  schedule: BranchSchedule,
  from: string,
  to: string,
  options: { sessionMinutes?: number; now?: Date; busy?: { start: Date; end: Date }[] } = {},
) {
  return freeSlots({
    schedule,
    sessionMinutes: options.sessionMinutes ?? 60,
    from: new Date(from),
    to: new Date(to),
    now: options.now ?? LONG_AGO,
    busy: options.busy ?? [],
  });
}

const local = (slots: { start: Date }[], timeZone = MADRID) =>
  slots.map((slot) => formatLocal(slot.start, timeZone));

describe('free slots across clock changes (Madrid, open all day, therapist on Sundays 00:00–06:00)', () => {
  const schedule: BranchSchedule = {
    timeZone: MADRID,
    openingHours: everyDay(0, 1440),
    shifts: sundays(0, hm(6)),
  };

  it('an ordinary Sunday has six hours: 21 one-hour sessions on the quarter hours', () => {
    const slots = slotsOn(schedule, '2026-03-21T00:00:00Z', '2026-03-23T00:00:00Z');
    expect(slots).toHaveLength(21);
    expect(slots[0]).toEqual({
      start: new Date('2026-03-21T23:00:00Z'),
      end: new Date('2026-03-22T00:00:00Z'),
    });
    expect(local(slots).at(-1)).toBe('2026-03-22T05:00:00+01:00');
  });

  it('spring forward has five: 17 sessions, none starting in the skipped hour', () => {
    const slots = slotsOn(schedule, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z');
    expect(slots).toHaveLength(17);
    const times = local(slots);
    expect(times).toContain('2026-03-29T01:45:00+01:00');
    expect(times).toContain('2026-03-29T03:00:00+02:00');
    expect(times.some((time) => time.startsWith('2026-03-29T02:'))).toBe(false);
    // 01:30 CET + 60 minutes ends at 03:30 CEST: a real hour, inside the shift.
    expect(slots.find((slot) => slot.start.toISOString() === '2026-03-29T00:30:00.000Z')).toEqual({
      start: new Date('2026-03-29T00:30:00Z'),
      end: new Date('2026-03-29T01:30:00Z'),
    });
    expect(times.at(-1)).toBe('2026-03-29T05:00:00+02:00');
  });

  it('fall back has seven: 25 sessions, the repeated hour offered twice with its offsets', () => {
    const slots = slotsOn(schedule, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z');
    expect(slots).toHaveLength(25);
    const times = local(slots);
    expect(times).toContain('2026-10-25T02:15:00+02:00');
    expect(times).toContain('2026-10-25T02:15:00+01:00');
    expect(times.at(-1)).toBe('2026-10-25T05:00:00+01:00');
  });

  it('a 09:00 start is 08:00Z before spring forward and 07:00Z after', () => {
    const daytime: BranchSchedule = { ...schedule, shifts: sundays(hm(9), hm(17)) };
    const before = slotsOn(daytime, '2026-03-22T00:00:00Z', '2026-03-23T00:00:00Z');
    const after = slotsOn(daytime, '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z');
    expect(before[0]!.start).toEqual(new Date('2026-03-22T08:00:00Z'));
    expect(after[0]!.start).toEqual(new Date('2026-03-29T07:00:00Z'));
    expect(before).toHaveLength(29);
    expect(after).toHaveLength(29);
  });
});

describe('free slots in a zone without DST (Mexico City)', () => {
  it('keeps 09:00 local at 15:00Z across the US clock changes', () => {
    const schedule: BranchSchedule = {
      timeZone: 'America/Mexico_City',
      openingHours: everyDay(hm(8), hm(20)),
      shifts: [
        { weekday: 1, startMinute: hm(9), endMinute: hm(13) },
        { weekday: 0, startMinute: hm(9), endMinute: hm(13) },
      ],
    };
    for (const day of ['2026-03-08', '2026-03-09', '2026-11-01', '2026-11-02']) {
      const slots = slotsOn(schedule, `${day}T06:00:00Z`, `${day}T23:59:00Z`);
      expect(slots[0]!.start).toEqual(new Date(`${day}T15:00:00Z`));
      expect(slots).toHaveLength(13);
    }
  });
});

describe('shifts, opening hours, reservations and the clock', () => {
  const MONDAY = '2026-06-08';
  const schedule: BranchSchedule = {
    timeZone: 'UTC',
    openingHours: [{ weekday: 1, startMinute: hm(10), endMinute: hm(14) }],
    shifts: [
      { weekday: 1, startMinute: hm(9), endMinute: hm(12) },
      { weekday: 1, startMinute: hm(12), endMinute: hm(18) },
    ],
  };
  const day = (from = `${MONDAY}T00:00:00Z`, options = {}) =>
    slotsOn(schedule, from, `${MONDAY}T23:59:00Z`, options);

  it('offers only where the branch is open and the therapist on shift; adjacent shifts join', () => {
    const times = day().map((slot) => slot.start.toISOString().slice(11, 16));
    expect(times[0]).toBe('10:00');
    expect(times.at(-1)).toBe('13:00');
    expect(times).toContain('11:30');
    expect(times).toHaveLength(13);
  });

  it('takes out sessions overlapping a reservation, and keeps back-to-back ones', () => {
    const busy = [{ start: new Date(`${MONDAY}T11:00:00Z`), end: new Date(`${MONDAY}T12:00:00Z`) }];
    const times = day(undefined, { busy }).map((slot) => slot.start.toISOString().slice(11, 16));
    expect(times).toEqual(['10:00', '12:00', '12:15', '12:30', '12:45', '13:00']);
  });

  it('takes out the past', () => {
    const now = new Date(`${MONDAY}T12:10:00Z`);
    const times = day(undefined, { now }).map((slot) => slot.start.toISOString().slice(11, 16));
    expect(times).toEqual(['12:15', '12:30', '12:45', '13:00']);
  });

  it('starts on the grid even when a shift does not', () => {
    const odd: BranchSchedule = {
      timeZone: 'UTC',
      openingHours: everyDay(0, 1440),
      shifts: [{ weekday: 1, startMinute: hm(9, 10), endMinute: hm(11) }],
    };
    const times = slotsOn(odd, `${MONDAY}T00:00:00Z`, `${MONDAY}T23:00:00Z`, {
      sessionMinutes: 45,
    }).map((slot) => slot.start.toISOString().slice(11, 16));
    expect(times).toEqual(['09:15', '09:30', '09:45', '10:00', '10:15']);
  });

  it('only returns slots starting inside [from, to)', () => {
    const slots = slotsOn(schedule, `${MONDAY}T11:00:00Z`, `${MONDAY}T12:00:00Z`);
    expect(slots.map((slot) => slot.start.toISOString().slice(11, 16))).toEqual([
      '11:00',
      '11:15',
      '11:30',
      '11:45',
    ]);
  });
});

describe('checkSlot', () => {
  const schedule: BranchSchedule = {
    timeZone: MADRID,
    openingHours: everyDay(hm(8), hm(20)),
    shifts: [{ weekday: 1, startMinute: hm(9), endMinute: hm(13) }],
  };
  const check = (startsAt: string, now = LONG_AGO) =>
    checkSlot({ schedule, startsAt: new Date(startsAt), sessionMinutes: 60, now });

  it('accepts a grid start inside the shift, and gives the slot', () => {
    expect(check('2026-06-08T07:00:00Z')).toEqual({
      ok: true,
      slot: { start: new Date('2026-06-08T07:00:00Z'), end: new Date('2026-06-08T08:00:00Z') },
    });
  });

  it('refuses the past, off-grid starts, other weekdays and sessions running past the shift', () => {
    expect(check('2026-06-08T07:00:00Z', new Date('2026-06-08T07:00:00Z'))).toMatchObject({
      ok: false,
      reason: 'PAST',
    });
    expect(check('2026-06-08T07:05:00Z')).toMatchObject({ ok: false, reason: 'OFF_GRID' });
    expect(check('2026-06-08T07:00:30Z')).toMatchObject({ ok: false, reason: 'OFF_GRID' });
    expect(check('2026-06-09T07:00:00Z')).toMatchObject({ ok: false, reason: 'OUTSIDE_SCHEDULE' });
    expect(check('2026-06-08T10:15:00Z')).toMatchObject({ ok: false, reason: 'OUTSIDE_SCHEDULE' });
    expect(check('2026-06-08T10:00:00Z')).toMatchObject({ ok: true });
  });

  it('reads the weekday on the branch clock: 23:30Z Sunday is Monday 01:30 in Madrid', () => {
    const night: BranchSchedule = {
      timeZone: MADRID,
      openingHours: everyDay(0, 1440),
      shifts: [{ weekday: 1, startMinute: hm(1), endMinute: hm(3) }],
    };
    const at = (startsAt: string) =>
      checkSlot({
        schedule: night,
        startsAt: new Date(startsAt),
        sessionMinutes: 60,
        now: LONG_AGO,
      });
    expect(at('2026-06-07T23:30:00Z')).toMatchObject({ ok: true });
    expect(at('2026-06-08T23:30:00Z')).toMatchObject({ ok: false, reason: 'OUTSIDE_SCHEDULE' });
  });
});

describe('checkSlot accepts exactly what freeSlots offers', () => {
  const cases: [string, BranchSchedule, string, string][] = [
    [
      'Madrid spring forward',
      { timeZone: MADRID, openingHours: everyDay(hm(0), hm(5)), shifts: sundays(hm(1), hm(4)) },
      '2026-03-28T20:00:00Z',
      '2026-03-29T06:00:00Z',
    ],
    [
      'Madrid fall back',
      { timeZone: MADRID, openingHours: everyDay(hm(0), hm(5)), shifts: sundays(hm(1), hm(4)) },
      '2026-10-24T20:00:00Z',
      '2026-10-25T06:00:00Z',
    ],
    [
      'Kathmandu',
      {
        timeZone: 'Asia/Kathmandu',
        openingHours: everyDay(hm(9), hm(12)),
        shifts: everyDay(hm(8), hm(11, 30)),
      },
      '2026-06-07T00:00:00Z',
      '2026-06-08T00:00:00Z',
    ],
  ];

  it.each(cases)('%s: every minute of the window', (_name, schedule, from, to) => {
    const offered = new Set(
      slotsOn(schedule, from, to, { sessionMinutes: 45 }).map((slot) => slot.start.getTime()),
    );
    expect(offered.size).toBeGreaterThan(0);
    for (let t = new Date(from); t < new Date(to); t = addMinutes(t, 1)) {
      const accepted = checkSlot({ schedule, startsAt: t, sessionMinutes: 45, now: LONG_AGO }).ok;
      expect([t.toISOString(), accepted]).toEqual([t.toISOString(), offered.has(t.getTime())]);
    }
  });
});
