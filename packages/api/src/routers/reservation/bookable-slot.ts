import type { TenantClient } from '@eventora/tenancy';

import { checkSlot } from '../../booking/check-slot';
import type { Interval } from '../../booking/intervals';
import { AppError } from '../../errors/app-error';
import { loadSchedules, type ScheduleRequest } from './load-schedules';

/**
 * The slot a session with `therapistId` at `branchId` starting at `startsAt` would take, if the
 * schedule allows it (the same rules `therapist.availability` offers slots by): as long as the
 * service booked, inside shifts and opening hours, never on a day off. Whether it is free is
 * left to the database's exclusion constraint, inside the caller's transaction.
 */
export async function bookableSlot(
  db: Pick<TenantClient, 'therapist' | 'branch' | 'service' | 'timeOff'>,
  request: ScheduleRequest & { branchId: string; startsAt: Date; now: Date },
): Promise<Interval & { serviceId: string | null }> {
  const { therapist, service, branches } = await loadSchedules(db, request);
  const schedule = branches[0];
  if (!schedule) {
    throw new AppError('UNPROCESSABLE', 'This therapist does not work at this branch.', [
      { field: 'branchId', message: 'The therapist does not work here.' },
    ]);
  }
  const check = checkSlot({
    schedule,
    startsAt: request.startsAt,
    sessionMinutes: therapist.sessionMinutes,
    now: request.now,
  });
  if (!check.ok) {
    throw new AppError('UNPROCESSABLE', check.message, [
      { field: 'startsAt', message: check.message },
    ]);
  }
  return { ...check.slot, serviceId: service?.id ?? null };
}
