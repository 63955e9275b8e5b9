import type { TenantClient } from '@eventora/tenancy';

import { localDateOfColumn, type DaysOff } from '../../booking/days-off';
import { AppError, notFound } from '../../errors/app-error';
import type { BranchSchedule } from '../../booking/weekly-schedule';

type ScheduleReader = Pick<TenantClient, 'therapist' | 'branch' | 'service' | 'timeOff'>;

export interface ScheduleRequest {
  therapistId: string;
  /** Only this branch; every branch the therapist works at when left out. */
  branchId?: string;
  /** The service booked: its duration sets the session's length. */
  serviceId?: string | null;
}

export interface TherapistSchedules {
  /** `sessionMinutes`: the service's duration, or the therapist's default without a service. */
  therapist: { id: string; sessionMinutes: number };
  service: { id: string; durationMinutes: number } | null;
  /** One per (non-archived) branch the therapist works at, or only the branch asked for. */
  branches: (BranchSchedule & { branchId: string })[];
}

/**
 * A therapist's weekly schedule at their branches: opening hours and shifts, on the branch's
 * clock, less the therapist's time off and the clinic's holidays. A therapist, branch or
 * service that is archived, missing or another clinic's answers NOT_FOUND; a branch the
 * therapist does not work at simply has no schedule here; a service the therapist does not
 * offer is refused.
 */
export async function loadSchedules(
  db: ScheduleReader,
  { therapistId, branchId, serviceId }: ScheduleRequest,
): Promise<TherapistSchedules> {
  const therapist = await db.therapist.findFirst({
    where: { id: therapistId, archivedAt: null },
    select: {
      id: true,
      sessionMinutes: true,
      branches: {
        where: { branchId, branch: { archivedAt: null } },
        select: {
          branch: {
            select: {
              id: true,
              timezone: true,
              openingHours: { select: { weekday: true, opensAt: true, closesAt: true } },
            },
          },
          shifts: { select: { weekday: true, startsAt: true, endsAt: true } },
        },
      },
    },
  });
  if (!therapist) throw notFound('Therapist');
  if (branchId !== undefined) {
    const branch = await db.branch.findFirst({
      where: { id: branchId, archivedAt: null },
      select: { id: true },
    });
    if (!branch) throw notFound('Branch');
  }
  const service = serviceId ? await offeredService(db, serviceId, therapist.id) : null;
  const timeOff = await db.timeOff.findMany({
    where: { OR: [{ therapistId: therapist.id }, { therapistId: null }] },
    select: { firstDay: true, lastDay: true, recursYearly: true },
  });
  const daysOff: DaysOff[] = timeOff.map((entry) => ({
    first: localDateOfColumn(entry.firstDay),
    last: localDateOfColumn(entry.lastDay),
    recursYearly: entry.recursYearly,
  }));
  return {
    therapist: {
      id: therapist.id,
      sessionMinutes: service?.durationMinutes ?? therapist.sessionMinutes,
    },
    service,
    branches: therapist.branches.map(({ branch, shifts }) => ({
      branchId: branch.id,
      timeZone: branch.timezone,
      openingHours: branch.openingHours.map((hours) => ({
        weekday: hours.weekday,
        startMinute: hours.opensAt,
        endMinute: hours.closesAt,
      })),
      shifts: shifts.map((shift) => ({
        weekday: shift.weekday,
        startMinute: shift.startsAt,
        endMinute: shift.endsAt,
      })),
      daysOff,
    })),
  };
}

async function offeredService(db: ScheduleReader, serviceId: string, therapistId: string) {
  const service = await db.service.findFirst({
    where: { id: serviceId, archivedAt: null },
    select: {
      id: true,
      durationMinutes: true,
      therapists: { where: { therapistId }, select: { therapistId: true } },
    },
  });
  if (!service) throw notFound('Service');
  if (service.therapists.length === 0) {
    throw new AppError('UNPROCESSABLE', 'This therapist does not offer this service.', [
      { field: 'serviceId', message: 'Not offered by this therapist.' },
    ]);
  }
  return { id: service.id, durationMinutes: service.durationMinutes };
}
