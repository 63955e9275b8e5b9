import type { Prisma } from '../../generated/prisma/client';
import { buildBranches, buildOpeningHours } from './rows/branches';
import { requireUnique, rowContext } from './rows/context';
import { buildPackages, buildUserPackages, startPurchases } from './rows/packages';
import { buildReservations, placeReservations } from './rows/reservations';
import { buildShifts, buildTherapists } from './rows/therapists';
import { buildUsers, type UserRow } from './rows/users';
import type { ClinicSpec } from './spec';

export { buildClinicRow, type ClinicRow } from './rows/clinic';
export { clinicIdFor, SeedSpecError } from './rows/context';

/** Every tenant row of one clinic, ids and timestamps included, ready for `createMany`. */
export interface ClinicRows {
  users: UserRow[];
  branches: Prisma.BranchCreateManyInput[];
  openingHours: Prisma.OpeningHoursCreateManyInput[];
  therapists: Prisma.TherapistCreateManyInput[];
  therapistBranches: Prisma.TherapistBranchCreateManyInput[];
  shifts: Prisma.TherapistShiftCreateManyInput[];
  packages: Prisma.PackageCreateManyInput[];
  userPackages: Prisma.UserPackageCreateManyInput[];
  reservations: Prisma.ReservationCreateManyInput[];
}

/**
 * Turns a spec into tenant rows: ids from names, dates from the anchor week. Pure and deterministic
 * (password hashes come in from the caller), and it refuses a spec that breaks the product's
 * rules — a reservation outside its therapist's shift, double bookings, overdrawn credits —
 * so demo data never shows what the app would not allow. One builder a table, in rows/.
 */
export function buildClinicRows(
  spec: ClinicSpec,
  anchor: Date,
  passwordHashes: ReadonlyMap<string, string>,
): ClinicRows {
  const ctx = rowContext(spec, anchor);
  const keys: [string, string[]][] = [
    ['user', spec.users.map((user) => user.key)],
    ['email', spec.users.map((user) => user.email)],
    ['branch', spec.branches.map((branch) => branch.key)],
    ['therapist', spec.therapists.map((therapist) => therapist.key)],
    ['package', spec.packages.map((pkg) => pkg.key)],
    ['purchase', spec.purchases.map((purchase) => purchase.key)],
  ];
  for (const [kind, list] of keys) requireUnique(ctx, kind, list);

  const users = buildUsers(ctx, passwordHashes);
  const branches = buildBranches(ctx);
  const openingHours = buildOpeningHours(ctx);
  const therapists = buildTherapists(ctx);
  const { therapistBranches, shifts } = buildShifts(ctx, openingHours);
  const packages = buildPackages(ctx);
  const purchases = startPurchases(ctx);
  const placed = placeReservations(ctx, shifts, purchases);
  return {
    users,
    branches,
    openingHours,
    therapists,
    therapistBranches,
    shifts,
    packages,
    userPackages: buildUserPackages(ctx, purchases),
    reservations: buildReservations(ctx, placed, purchases),
  };
}
