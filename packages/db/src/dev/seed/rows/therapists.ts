import type { Prisma } from '../../../generated/prisma/client';
import { isOpen } from './branches';
import { toMinutes, type RowContext } from './context';

/** The therapists, each linked to at most one THERAPIST account. */
export function buildTherapists(ctx: RowContext): Prisma.TherapistCreateManyInput[] {
  const { spec, id, fail, clinicId, setUpAt } = ctx;
  const usersByKey = new Map(spec.users.map((user) => [user.key, user]));
  const linkedUsers = new Set<string>();
  return spec.therapists.map((therapist) => {
    if (therapist.user !== undefined) {
      if (usersByKey.get(therapist.user)?.role !== 'THERAPIST') {
        fail(`therapist ${therapist.key} must link a THERAPIST user`);
      }
      if (linkedUsers.has(therapist.user)) fail(`user ${therapist.user} linked twice`);
      linkedUsers.add(therapist.user);
    }
    return {
      clinicId,
      id: id('therapist', therapist.key),
      userId: therapist.user === undefined ? null : id('user', therapist.user),
      name: therapist.name,
      bio: therapist.bio,
      sessionMinutes: therapist.sessionMinutes,
      createdAt: setUpAt,
      updatedAt: setUpAt,
    };
  });
}

/**
 * Where each therapist works (a row per therapist and branch) and their weekly shifts; refuses
 * a shift outside its branch's opening hours or overlapping another of the therapist's.
 */
export function buildShifts(
  ctx: RowContext,
  openingHours: readonly Prisma.OpeningHoursCreateManyInput[],
): {
  therapistBranches: Prisma.TherapistBranchCreateManyInput[];
  shifts: Prisma.TherapistShiftCreateManyInput[];
} {
  const { spec, id, fail, clinicId } = ctx;
  const branchKeys = new Set(spec.branches.map((branch) => branch.key));
  const therapistBranches: Prisma.TherapistBranchCreateManyInput[] = [];
  const shifts: Prisma.TherapistShiftCreateManyInput[] = [];
  for (const therapist of spec.therapists) {
    for (const shift of therapist.shifts) {
      if (!branchKeys.has(shift.branch))
        fail(`therapist ${therapist.key}: no branch ${shift.branch}`);
      const branchId = id('branch', shift.branch);
      const therapistId = id('therapist', therapist.key);
      if (
        !therapistBranches.some(
          (row) => row.therapistId === therapistId && row.branchId === branchId,
        )
      ) {
        therapistBranches.push({ clinicId, therapistId, branchId });
      }
      const startsAt = toMinutes(shift.from);
      const endsAt = toMinutes(shift.to);
      for (const weekday of shift.weekdays) {
        if (
          !(startsAt < endsAt) ||
          !isOpen(ctx, openingHours, shift.branch, weekday, startsAt, endsAt)
        ) {
          fail(
            `shift of ${therapist.key} at ${shift.branch} on day ${weekday} is outside opening hours`,
          );
        }
        const clash = shifts.find(
          (other) =>
            other.therapistId === therapistId &&
            other.weekday === weekday &&
            other.startsAt < endsAt &&
            startsAt < other.endsAt,
        );
        if (clash) fail(`shifts of ${therapist.key} overlap on day ${weekday}`);
        shifts.push({
          clinicId,
          id: id('shift', therapist.key, shift.branch, String(weekday), shift.from),
          therapistId,
          branchId,
          weekday,
          startsAt,
          endsAt,
        });
      }
    }
  }
  return { therapistBranches, shifts };
}
