import { randomUUID } from 'node:crypto';
import { hashPassword } from '@eventora/auth';
import { runWithClinic } from '@eventora/tenancy';

import { TEST_PASSWORD, type ApiTestKit, type TestClinic, type TestUser } from './api-test-kit';

/*
 * Test setup for booking suites: schedules, clients and packages written straight through the
 * clinic's tenant client (the branch and therapist routers are tested on their own).
 */

export const hm = (hours: number, minutes = 0) => hours * 60 + minutes;
export const ALL_WEEK = [0, 1, 2, 3, 4, 5, 6];

export interface WeeklyHours {
  weekdays: number[];
  from: number;
  to: number;
}

export interface ScheduleSpec {
  timeZone: string;
  opening: WeeklyHours[];
  shifts: WeeklyHours[];
  sessionMinutes?: number;
  /** Put the therapist at this existing branch instead of a new one. */
  branchId?: string;
  /** Give this existing therapist the shifts instead of a new one. */
  therapistId?: string;
}

/** Madrid, open 08:00–20:00 every day, its therapist on shift 09:00–17:00 every day. */
export const MADRID_DAILY: ScheduleSpec = {
  timeZone: 'Europe/Madrid',
  opening: [{ weekdays: ALL_WEEK, from: hm(8), to: hm(20) }],
  shifts: [{ weekdays: ALL_WEEK, from: hm(9), to: hm(17) }],
};

/** A Madrid wall-clock time in summer time (CEST, +02:00): `madridSummer('2026-06-02T10:00:00')`. */
export const madridSummer = (local: string) => new Date(`${local}+02:00`);

/** A package expiry after every session the 2026 suites book. */
export const LATE_2026 = new Date('2026-12-31T00:00:00Z');

/** A branch with opening hours and a therapist with shifts there; returns their ids. */
export async function addSchedule(
  clinic: TestClinic,
  spec: ScheduleSpec,
): Promise<{ branchId: string; therapistId: string }> {
  const clinicId = clinic.clinic.id;
  return runWithClinic(clinic.clinic, async () => {
    const { db } = clinic;
    const branchId =
      spec.branchId ??
      (
        await db.branch.create({
          data: { clinicId, name: `Branch ${randomUUID().slice(0, 8)}`, timezone: spec.timeZone },
        })
      ).id;
    if (!spec.branchId) {
      await db.openingHours.createMany({
        data: spec.opening.flatMap(({ weekdays, from, to }) =>
          weekdays.map((weekday) => ({ clinicId, branchId, weekday, opensAt: from, closesAt: to })),
        ),
      });
    }
    const therapistId =
      spec.therapistId ??
      (
        await db.therapist.create({
          data: {
            clinicId,
            name: `Therapist ${randomUUID().slice(0, 8)}`,
            sessionMinutes: spec.sessionMinutes ?? 60,
          },
        })
      ).id;
    await db.therapistBranch.create({ data: { clinicId, therapistId, branchId } });
    await db.therapistShift.createMany({
      data: spec.shifts.flatMap(({ weekdays, from, to }) =>
        weekdays.map((weekday) => ({
          clinicId,
          therapistId,
          branchId,
          weekday,
          startsAt: from,
          endsAt: to,
        })),
      ),
    });
    return { branchId, therapistId };
  });
}

export interface PackageSpec {
  credits: number;
  expiresAt: Date;
  status?: 'active' | 'revoked';
}

/** Packages for a client; returns their ids in order. */
export async function addPackages(
  clinic: TestClinic,
  userId: string,
  packages: PackageSpec[],
): Promise<string[]> {
  const clinicId = clinic.clinic.id;
  return runWithClinic(clinic.clinic, async () => {
    const ids: string[] = [];
    for (const spec of packages) {
      const { id } = await clinic.db.userPackage.create({
        data: {
          clinicId,
          userId,
          packageId: clinic.ids.package,
          creditsTotal: Math.max(spec.credits, 1),
          creditsLeft: spec.credits,
          expiresAt: spec.expiresAt,
          status: spec.status ?? 'active',
          purchaseReference: `manual:${randomUUID()}`,
        },
      });
      ids.push(id);
    }
    return ids;
  });
}

/** A client user with packages, optionally signed in (a real session token). */
export async function addClient(
  kit: ApiTestKit,
  clinic: TestClinic,
  packages: PackageSpec[] = [],
  { signIn = true }: { signIn?: boolean } = {},
): Promise<TestUser & { packageIds: string[] }> {
  const email = `client-${randomUUID().slice(0, 8)}@${clinic.slug}.test`;
  const passwordHash = signIn ? await hashPassword(TEST_PASSWORD) : null;
  const user = await runWithClinic(clinic.clinic, () =>
    clinic.db.user.create({
      data: { clinicId: clinic.clinic.id, email, name: `Client ${email}`, passwordHash },
    }),
  );
  const token = signIn
    ? (await kit.caller(clinic.slug).auth.signIn({ email, password: TEST_PASSWORD, bearer: true }))
        .token!
    : '';
  const packageIds = await addPackages(clinic, user.id, packages);
  return { id: user.id, email, role: 'CLIENT', token, packageIds };
}

/** Credits left per package id. */
export async function creditsOf(clinic: TestClinic, ids: string[]): Promise<number[]> {
  const rows = await runWithClinic(clinic.clinic, () =>
    clinic.db.userPackage.findMany({
      where: { id: { in: ids } },
      select: { id: true, creditsLeft: true },
    }),
  );
  return ids.map((id) => rows.find((row) => row.id === id)?.creditsLeft ?? Number.NaN);
}

/** Every reservation of a clinic, for before/after comparisons. */
export function reservationsOf(clinic: TestClinic) {
  return runWithClinic(clinic.clinic, () =>
    clinic.db.reservation.findMany({ orderBy: { id: 'asc' } }),
  );
}

/** Every package of a clinic, for before/after comparisons. */
export function packagesOf(clinic: TestClinic) {
  return runWithClinic(clinic.clinic, () =>
    clinic.db.userPackage.findMany({ orderBy: { id: 'asc' } }),
  );
}

/** The clinic's audit entries about one entity. */
export function auditOf(clinic: TestClinic, entityId: string) {
  return runWithClinic(clinic.clinic, () =>
    clinic.db.auditLog.findMany({
      where: { entityId },
      orderBy: { seq: 'asc' },
      select: { action: true, actorId: true, metadata: true },
    }),
  );
}
