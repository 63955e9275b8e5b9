import type { z } from 'zod';
import type { TenantTransaction } from '@eventora/tenancy';

import { AppError, notFound } from '../../errors/app-error';
import type { ZAssignments } from '../../schemas/therapist';
import { describeInterval, fitsWithin } from '../../schemas/weekly-hours';

export type Assignments = z.infer<typeof ZAssignments>;

/**
 * Replaces the therapist's branches and shifts. Every branch must be one of the clinic's
 * (another clinic's id answers NOT_FOUND, like a missing one) and not archived, and every
 * shift must lie inside that branch's opening hours.
 */
export async function assignBranches(
  tx: TenantTransaction,
  clinicId: string,
  therapistId: string,
  assignments: Assignments,
): Promise<void> {
  const branches = await tx.branch.findMany({
    where: { id: { in: assignments.map((assignment) => assignment.branchId) } },
    select: {
      id: true,
      archivedAt: true,
      openingHours: { select: { weekday: true, opensAt: true, closesAt: true } },
    },
  });
  const byId = new Map(branches.map((branch) => [branch.id, branch]));
  const problems: { field: string; message: string }[] = [];
  assignments.forEach((assignment, a) => {
    const branch = byId.get(assignment.branchId);
    if (!branch) throw notFound('Branch');
    if (branch.archivedAt) {
      problems.push({ field: `branches.${a}.branchId`, message: 'This branch is archived.' });
      return;
    }
    const open = branch.openingHours.map((h) => ({
      weekday: h.weekday,
      start: h.opensAt,
      end: h.closesAt,
    }));
    assignment.shifts.forEach((shift, s) => {
      const interval = { weekday: shift.weekday, start: shift.startsAt, end: shift.endsAt };
      if (!fitsWithin(open, interval)) {
        problems.push({
          field: `branches.${a}.shifts.${s}`,
          message: `${describeInterval(interval)} is outside the branch’s opening hours.`,
        });
      }
    });
  });
  if (problems.length > 0) {
    throw new AppError('UNPROCESSABLE', 'Some shifts do not fit the branches.', problems);
  }

  // Shifts go with their assignment (ON DELETE CASCADE).
  await tx.therapistBranch.deleteMany({ where: { therapistId } });
  await tx.therapistBranch.createMany({
    data: assignments.map(({ branchId }) => ({ clinicId, therapistId, branchId })),
  });
  await tx.therapistShift.createMany({
    data: assignments.flatMap(({ branchId, shifts }) =>
      shifts.map((shift) => ({ clinicId, therapistId, branchId, ...shift })),
    ),
  });
}
