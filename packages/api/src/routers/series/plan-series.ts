import type { TenantClient } from '@eventora/tenancy';
import { z } from 'zod';

import { checkSlot } from '../../booking/check-slot';
import { isDayOff } from '../../booking/days-off';
import { overlaps, type Interval } from '../../booking/intervals';
import { formatLocal, localDateOf } from '../../booking/local-time';
import { seriesStarts } from '../../booking/series-occurrences';
import { AppError } from '../../errors/app-error';
import { loadSchedules } from '../reservation/load-schedules';

type PlanReader = Pick<
  TenantClient,
  'therapist' | 'branch' | 'service' | 'timeOff' | 'reservation' | 'userPackage'
>;

/** Why an occurrence of a series cannot be booked. */
export const ZOccurrenceConflict = z.enum([
  'PAST',
  'OFF_GRID',
  'OUTSIDE_SCHEDULE',
  'DAY_OFF',
  'TAKEN',
  'NO_CREDIT',
]);
export type OccurrenceConflict = z.infer<typeof ZOccurrenceConflict>;

export const ZPlannedOccurrence = z.object({
  startsAt: z.date(),
  endsAt: z.date(),
  /** The start on the branch's wall clock, with its offset. */
  localStartsAt: z.string(),
  /** Null: free (and, paid with credits, a credit is there for it). */
  conflict: z.object({ reason: ZOccurrenceConflict, message: z.string() }).nullable(),
});
export type PlannedOccurrence = z.infer<typeof ZPlannedOccurrence>;

const MESSAGES: Record<OccurrenceConflict, string> = {
  PAST: 'That time has already passed.',
  OFF_GRID: 'Sessions start on the quarter hours of the branch clock.',
  OUTSIDE_SCHEDULE: "Outside the therapist's hours at this branch.",
  DAY_OFF: 'The therapist is off that day (time off or a clinic holiday).',
  TAKEN: 'Already booked with this therapist.',
  NO_CREDIT: 'No credit left for this session (no valid package with sessions left).',
};

export interface SeriesRequest {
  therapistId: string;
  branchId: string;
  serviceId?: string;
  startsAt: Date;
  everyWeeks: number;
  occurrences: number;
}

/**
 * Every occurrence of a series, each checked by the rules a single booking meets (the shift
 * and opening hours on the branch's clock, days off, not in the past, on the grid), then
 * against the therapist's bookings, then — when paid with credits — against the client's
 * credits: one credit per session, from the soonest-expiring package valid on its date, in
 * date order, exactly as booking them one after another would take them. The database still
 * has the last word on overlaps when they are booked.
 */
export async function planSeries(
  db: PlanReader,
  request: SeriesRequest & { clientId: string; payAtDesk: boolean; now: Date },
): Promise<{ occurrences: PlannedOccurrence[]; serviceId: string | null; timeZone: string }> {
  const { therapist, service, branches } = await loadSchedules(db, request);
  const schedule = branches[0];
  if (!schedule) {
    throw new AppError('UNPROCESSABLE', 'This therapist does not work at this branch.', [
      { field: 'branchId', message: 'The therapist does not work here.' },
    ]);
  }
  const { timeZone } = schedule;
  const starts = seriesStarts(request.startsAt, timeZone, request.everyWeeks, request.occurrences);
  const slots: Interval[] = starts.map((start) => ({
    start,
    end: new Date(start.getTime() + therapist.sessionMinutes * 60_000),
  }));
  const busy = await db.reservation.findMany({
    where: {
      therapistId: request.therapistId,
      status: { not: 'cancelled' },
      startsAt: { lt: slots.at(-1)!.end },
      endsAt: { gt: slots[0]!.start },
    },
    select: { startsAt: true, endsAt: true },
  });
  const credits = request.payAtDesk
    ? []
    : await db.userPackage.findMany({
        where: {
          userId: request.clientId,
          status: 'active',
          creditsLeft: { gt: 0 },
          expiresAt: { gt: slots[0]!.start },
        },
        orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
        select: { expiresAt: true, creditsLeft: true },
      });
  const occurrences = slots.map((slot): PlannedOccurrence => {
    const conflict = (reason: OccurrenceConflict) => ({ reason, message: MESSAGES[reason] });
    const planned = {
      startsAt: slot.start,
      endsAt: slot.end,
      localStartsAt: formatLocal(slot.start, timeZone),
    };
    const check = checkSlot({
      schedule,
      startsAt: slot.start,
      sessionMinutes: therapist.sessionMinutes,
      now: request.now,
    });
    if (!check.ok) {
      const dayOff =
        check.reason === 'OUTSIDE_SCHEDULE' &&
        isDayOff(localDateOf(slot.start, timeZone), schedule.daysOff ?? []);
      return { ...planned, conflict: conflict(dayOff ? 'DAY_OFF' : check.reason) };
    }
    const taken = busy.some((booked) =>
      overlaps(slot, { start: booked.startsAt, end: booked.endsAt }),
    );
    if (taken) return { ...planned, conflict: conflict('TAKEN') };
    if (!request.payAtDesk) {
      const paying = credits.find((held) => held.creditsLeft > 0 && held.expiresAt > slot.start);
      if (!paying) return { ...planned, conflict: conflict('NO_CREDIT') };
      paying.creditsLeft -= 1;
    }
    return { ...planned, conflict: null };
  });
  return { occurrences, serviceId: service?.id ?? null, timeZone };
}
