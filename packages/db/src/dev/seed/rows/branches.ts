import type { Prisma } from '../../../generated/prisma/client';
import type { Weekday } from '../spec';
import { requireUnique, toMinutes, type RowContext } from './context';

export function buildBranches(ctx: RowContext): Prisma.BranchCreateManyInput[] {
  const { spec, id, clinicId, setUpAt } = ctx;
  return spec.branches.map((branch) => ({
    clinicId,
    id: id('branch', branch.key),
    name: branch.name,
    address: branch.address,
    timezone: branch.timezone ?? spec.timezone,
    createdAt: setUpAt,
    updatedAt: setUpAt,
  }));
}

/** Each branch's opening hours, one row a weekday; refuses hours that close before they open. */
export function buildOpeningHours(ctx: RowContext): Prisma.OpeningHoursCreateManyInput[] {
  const { spec, id, fail, clinicId } = ctx;
  const rows = spec.branches.flatMap((branch) =>
    branch.hours.flatMap((hours) =>
      hours.weekdays.map((weekday) => {
        const opensAt = toMinutes(hours.opens);
        const closesAt = toMinutes(hours.closes);
        if (!(opensAt < closesAt)) fail(`branch ${branch.key} closes before it opens`);
        return {
          clinicId,
          id: id('opening-hours', branch.key, String(weekday), hours.opens),
          branchId: id('branch', branch.key),
          weekday,
          opensAt,
          closesAt,
        };
      }),
    ),
  );
  requireUnique(
    ctx,
    'opening hours',
    rows.map((row) => `${row.branchId}:${row.weekday}`),
  );
  return rows;
}

/** Whether the branch is open for the whole of `from`–`to` (minutes) on `weekday`. */
export function isOpen(
  ctx: RowContext,
  openingHours: readonly Prisma.OpeningHoursCreateManyInput[],
  branchKey: string,
  weekday: Weekday,
  from: number,
  to: number,
): boolean {
  return openingHours.some(
    (row) =>
      row.branchId === ctx.id('branch', branchKey) &&
      row.weekday === weekday &&
      row.opensAt <= from &&
      to <= row.closesAt,
  );
}
