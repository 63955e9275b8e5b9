import type { Prisma } from '../../generated/prisma/client';
import { buildClinicRow, buildClinicRows, clinicIdFor } from './build-rows';
import type { ClinicRows } from './build-rows';
import { buildLivelySchedule } from './lively-schedule';
import type { ClinicSpec } from './spec';

/**
 * Turns a plain password into what `users.password_hash` stores. The seed takes it from the
 * caller (`hashPassword` of @eventora/auth) so that this package does not depend on auth,
 * which depends on it.
 */
export type HashPassword = (plain: string) => Promise<string>;

export interface SeedClinicOptions {
  /** Monday 00:00 UTC of the seed week (see `anchorWeek`). */
  anchor: Date;
  /** UTC midnight of the day the seed runs (the lively schedule's today); the anchor by default. */
  today?: Date;
  /** The password of every user of the clinic. */
  password: string;
  hashPassword: HashPassword;
}

/** Rows written per table, for logs and tests (the lively schedule's included). */
export type SeedCounts = Record<keyof ClinicRows | 'services' | 'timeOff' | 'payments', number>;

/**
 * Binds the transaction to a clinic for row level security. It must be the transaction's first
 * statement: every tenant table FORCEs RLS, so even the owner role sees and writes nothing
 * until the clinic is bound, and `true` keeps the binding inside this transaction.
 */
export async function bindClinic(tx: Prisma.TransactionClient, clinicId: string): Promise<void> {
  await tx.$queryRaw`select set_config('app.current_tenant', ${clinicId}, true)`;
}

/**
 * Writes the clinic's registry row. In shared mode it lives beside the tenant rows; a clinic in
 * schema or database mode still has its registry row in the shared database, written through a
 * client of that database while `seedClinic` writes to the clinic's own target.
 */
export async function registerClinic(
  tx: Prisma.TransactionClient,
  spec: ClinicSpec,
  anchor: Date,
): Promise<string> {
  const clinic = buildClinicRow(spec, anchor);
  await tx.clinic.create({ data: clinic, select: { id: true } });
  return clinic.id;
}

/**
 * Writes one clinic's tenant rows (users, branches, therapists, packages, credits,
 * reservations) through `tx`, which must already be bound to the clinic (`bindClinic`) and
 * point at the clinic's target: the shared database, or its own schema (a client whose
 * adapter names it: `new PrismaPg(…, { schema })`) or database. Not idempotent by itself:
 * `seed()` checks first.
 */
export async function seedClinic(
  tx: Prisma.TransactionClient,
  spec: ClinicSpec,
  options: SeedClinicOptions,
): Promise<SeedCounts> {
  const hashes = new Map<string, string>();
  for (const user of spec.users)
    hashes.set(user.email, await options.hashPassword(options.password));
  const rows = buildClinicRows(spec, options.anchor, hashes);
  const bound = await tx.$queryRaw<{ clinic: string | null }[]>`
    select nullif(current_setting('app.current_tenant', true), '') as clinic`;
  if (bound[0]?.clinic !== clinicIdFor(spec.slug)) {
    throw new Error(`seedClinic(${spec.slug}): the transaction is not bound to this clinic`);
  }

  // Parents before children: the composite foreign keys are checked row by row.
  await tx.user.createMany({ data: rows.users });
  await tx.branch.createMany({ data: rows.branches });
  await tx.openingHours.createMany({ data: rows.openingHours });
  await tx.therapist.createMany({ data: rows.therapists });
  await tx.therapistBranch.createMany({ data: rows.therapistBranches });
  await tx.therapistShift.createMany({ data: rows.shifts });
  await tx.package.createMany({ data: rows.packages });
  await tx.userPackage.createMany({ data: rows.userPackages });
  await tx.reservation.createMany({ data: rows.reservations });

  const lively = buildLivelySchedule(spec, rows, options.anchor, options.today ?? options.anchor);
  await tx.user.createMany({ data: lively.regulars });
  await tx.service.createMany({ data: lively.services });
  await tx.therapistService.createMany({ data: lively.therapistServices });
  await tx.timeOff.createMany({ data: lively.timeOff });
  await tx.reservation.createMany({ data: lively.reservations });
  await tx.payment.createMany({ data: lively.payments });

  return {
    users: rows.users.length + lively.regulars.length,
    branches: rows.branches.length,
    openingHours: rows.openingHours.length,
    therapists: rows.therapists.length,
    therapistBranches: rows.therapistBranches.length,
    shifts: rows.shifts.length,
    packages: rows.packages.length,
    userPackages: rows.userPackages.length,
    reservations: rows.reservations.length + lively.reservations.length,
    services: lively.services.length,
    timeOff: lively.timeOff.length,
    payments: lively.payments.length,
  };
}
