import type { Prisma } from '../../generated/prisma/client';
import type { ClinicRows } from './build-rows';
import { seedId } from './ids';
import { addDays, localTimeToUtc } from './local-time';
import type { ClinicSpec } from './spec';

const DAY = 86_400_000;

/** Rows that make a demo clinic look alive around the day the seed runs. */
export interface LivelyRows {
  regulars: Prisma.UserCreateManyInput[];
  services: Prisma.ServiceCreateManyInput[];
  therapistServices: Prisma.TherapistServiceCreateManyInput[];
  timeOff: Prisma.TimeOffCreateManyInput[];
  reservations: Prisma.ReservationCreateManyInput[];
  payments: Prisma.PaymentCreateManyInput[];
}

/**
 * How full each week is, from three weeks back to three ahead of the seed week: the past
 * and this week busy, the next weeks partly booked, so there are still free slots to book.
 */
const FILL_PERCENT: Record<number, number> = {
  [-3]: 55,
  [-2]: 60,
  [-1]: 65,
  0: 70,
  1: 45,
  2: 30,
  3: 15,
};

/** One in this many past sessions was a no-show. */
const NO_SHOW_ONE_IN = 12;

const METHODS = ['cash', 'card_terminal', 'transfer'] as const;

/** A number in [0, 100) fixed by the names given: the same every run. */
function percentile(...parts: string[]): number {
  return Number.parseInt(seedId(...parts).slice(0, 8), 16) % 100;
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/**
 * Bookings around `today` (UTC midnight of the day the seed runs), from the spec's regulars,
 * services and every therapist's shifts: days before today completed (one in twelve a no-show,
 * every completed one paid at the desk), today and later booked, never over the spec's own
 * reservations or a therapist's other sessions. Which slots are taken depends only on names
 * and dates, so the same day gives the same rows. A yearly holiday (25 December) shows the
 * clinic's holidays and keeps its sessions off that day.
 */
export function buildLivelySchedule(
  spec: ClinicSpec,
  rows: ClinicRows,
  anchor: Date,
  today: Date,
): LivelyRows {
  const clinicId = rows.branches[0]?.clinicId ?? seedId(spec.slug, 'clinic');
  const id = (...parts: string[]) => seedId(spec.slug, ...parts);
  const setUpAt = addDays(anchor, -180);
  const desk =
    rows.users.find((user) => user.role === 'STAFF') ?? rows.users.find((u) => u.role === 'OWNER');
  if (!desk) throw new Error(`${spec.slug}: a lively schedule needs a staff user`);

  const regulars = (spec.regulars ?? []).map((name, index) => {
    const email = `${name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')}@walk-in.${spec.slug}.test`;
    return {
      clinicId,
      id: id('user', 'regular', String(index)),
      email,
      name,
      role: 'CLIENT' as const,
      passwordHash: null,
      createdAt: addDays(anchor, -120),
      updatedAt: addDays(anchor, -120),
    };
  });

  const services = (spec.services ?? []).map((service) => ({
    clinicId,
    id: id('service', service.key),
    name: service.name,
    durationMinutes: service.minutes,
    priceCents: service.priceCents,
    currency: spec.currency,
    createdAt: setUpAt,
    updatedAt: setUpAt,
  }));
  const therapistServices = (spec.services ?? []).flatMap((service) =>
    service.therapists.map((therapist) => ({
      clinicId,
      therapistId: id('therapist', therapist),
      serviceId: id('service', service.key),
    })),
  );

  const christmas = new Date(Date.UTC(today.getUTCFullYear(), 11, 25));
  const timeOff = [
    {
      clinicId,
      id: id('time-off', 'christmas'),
      therapistId: null,
      firstDay: christmas,
      lastDay: christmas,
      recursYearly: true,
      reason: 'Christmas Day',
      createdAt: setUpAt,
    },
  ];
  const isHoliday = (day: Date) => day.getUTCMonth() === 11 && day.getUTCDate() === 25;

  const busy = new Map<string, { start: number; end: number }[]>();
  const taken = (key: string, start: number, end: number) =>
    (busy.get(key) ?? []).some((other) => other.start < end && start < other.end);
  const hold = (key: string, start: number, end: number) =>
    busy.set(key, [...(busy.get(key) ?? []), { start, end }]);
  for (const reservation of rows.reservations) {
    if (reservation.status === 'cancelled') continue;
    const start = new Date(reservation.startsAt).getTime();
    const end = new Date(reservation.endsAt).getTime();
    hold(`therapist:${reservation.therapistId}`, start, end);
    hold(`client:${reservation.clientId}`, start, end);
  }

  const reservations: LivelyLists['reservations'] = [];
  const payments: LivelyLists['payments'] = [];
  if (regulars.length === 0) {
    return { regulars, services, therapistServices, timeOff, reservations, payments };
  }
  const todayTime = today.getTime();
  for (let week = -3; week <= 3; week++) {
    for (const shift of rows.shifts) {
      const therapist = rows.therapists.find((row) => row.id === shift.therapistId)!;
      const minutes = therapist.sessionMinutes ?? 60;
      const branch = rows.branches.find((row) => row.id === shift.branchId)!;
      const service = services.find(
        (row) =>
          row.durationMinutes === minutes &&
          therapistServices.some(
            (link) => link.serviceId === row.id && link.therapistId === therapist.id,
          ),
      );
      const day = addDays(anchor, week * 7 + ((shift.weekday + 6) % 7));
      if (isHoliday(day)) continue;
      for (let from = shift.startsAt; from + minutes <= shift.endsAt; from += minutes) {
        const at = `${isoDay(day)}T${from}`;
        if (percentile(spec.slug, 'lively', therapist.id!, at) >= FILL_PERCENT[week]!) continue;
        const start = localTimeToUtc(day, from, branch.timezone).getTime();
        const end = localTimeToUtc(day, from + minutes, branch.timezone).getTime();
        if (taken(`therapist:${therapist.id}`, start, end)) continue;
        const first = percentile(spec.slug, 'lively-client', therapist.id!, at) % regulars.length;
        const client = [...regulars.slice(first), ...regulars.slice(0, first)].find(
          (candidate) => !taken(`client:${candidate.id}`, start, end),
        );
        if (!client) continue;
        hold(`therapist:${therapist.id}`, start, end);
        hold(`client:${client.id}`, start, end);

        const past = day.getTime() < todayTime;
        const noShow =
          past && percentile(spec.slug, 'lively-no-show', at, client.id) % NO_SHOW_ONE_IN === 0;
        const reservationId = id('reservation', 'lively', therapist.id!, at);
        const bookedAt = new Date(Math.min(start - 5 * DAY, todayTime));
        reservations.push({
          clinicId,
          id: reservationId,
          clientId: client.id,
          therapistId: therapist.id!,
          branchId: branch.id!,
          serviceId: service?.id ?? null,
          userPackageId: null,
          payment: 'desk',
          startsAt: new Date(start),
          endsAt: new Date(end),
          status: past ? (noShow ? 'no_show' : 'completed') : 'booked',
          arrivedAt: past && !noShow ? new Date(start - 5 * 60_000) : null,
          attendanceMarkedAt: past ? new Date(end) : null,
          createdAt: bookedAt,
          updatedAt: past ? new Date(end) : bookedAt,
        });
        if (past && !noShow) {
          const method = METHODS[percentile(spec.slug, 'lively-method', at) % METHODS.length]!;
          payments.push({
            clinicId,
            id: id('payment', 'lively', therapist.id!, at),
            clientId: client.id,
            reservationId,
            amountCents: service?.priceCents ?? 50_000,
            currency: spec.currency,
            method,
            recordedBy: desk.id,
            createdAt: new Date(end),
          });
        }
      }
    }
  }
  return { regulars, services, therapistServices, timeOff, reservations, payments };
}

type LivelyLists = Pick<LivelyRows, 'reservations' | 'payments'>;
