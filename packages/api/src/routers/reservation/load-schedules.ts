import type { TenantClient } from '@eventora/tenancy';

import { notFound } from '../../errors/app-error';
import type { BranchSchedule } from '../../booking/weekly-schedule';

type ScheduleReader = Pick<TenantClient, 'therapist' | 'branch'>;

export interface TherapistSchedules {
  therapist: { id: string; sessionMinutes: number };
  /** One per (non-archived) branch the therapist works at, or only the branch asked for. */
  branches: (BranchSchedule & { branchId: string })[];
}

/**
 * A therapist's weekly schedule at their branches: opening hours and shifts, on the branch's
 * clock. A therapist or branch that is archived, missing or another clinic's answers
 * NOT_FOUND; a branch the therapist does not work at simply has no schedule here.
 */
export async function loadSchedules(
  db: ScheduleReader,
  therapistId: string,
  branchId?: string,
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
  return {
    therapist: { id: therapist.id, sessionMinutes: therapist.sessionMinutes },
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
    })),
  };
}
