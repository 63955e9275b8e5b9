import type { Prisma, ReservationStatus } from '../generated/prisma/client';
import { seedId } from './ids';
import { addDays, localTimeToUtc } from './local-time';
import type { ClinicSpec, ClockTime, ReservationSpec, Weekday } from './spec';

const HOUR = 3_600_000;

/** The clinic's registry row. */
export type ClinicRow = Prisma.ClinicCreateInput & { id: string };

/** Every tenant row of one clinic, ids and timestamps included, ready for `createMany`. */
export interface ClinicRows {
  users: (Prisma.UserCreateManyInput & { id: string })[];
  branches: Prisma.BranchCreateManyInput[];
  openingHours: Prisma.OpeningHoursCreateManyInput[];
  therapists: Prisma.TherapistCreateManyInput[];
  therapistBranches: Prisma.TherapistBranchCreateManyInput[];
  shifts: Prisma.TherapistShiftCreateManyInput[];
  packages: Prisma.PackageCreateManyInput[];
  userPackages: Prisma.UserPackageCreateManyInput[];
  reservations: Prisma.ReservationCreateManyInput[];
}

/** A spec that would seed data the product considers impossible. */
export class SeedSpecError extends Error {
  constructor(slug: string, message: string) {
    super(`Seed spec "${slug}": ${message}`);
    this.name = 'SeedSpecError';
  }
}

/** The fixed id of a demo clinic, the same in every database. */
export function clinicIdFor(slug: string): string {
  return seedId(slug, 'clinic');
}

function toMinutes(time: ClockTime): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The calendar day (as UTC midnight) of `weekday` in the week `week` weeks from the anchor. */
function dayOf(anchor: Date, week: number, weekday: Weekday): Date {
  return addDays(anchor, week * 7 + ((weekday + 6) % 7));
}

function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}

function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The clinic's registry row: fixed id, `mode` and `schemaName` from the spec, and in service
 * (`onboarding.state = ready`, as `provisionClinic` leaves a clinic it has finished, so that
 * provisioning a seeded clinic again finds it ready and changes nothing).
 */
export function buildClinicRow(spec: ClinicSpec, anchor: Date): ClinicRow {
  const expectedSchema = `clinic_${spec.slug.replaceAll('-', '_')}`;
  if (spec.mode === 'schema' && spec.schemaName !== expectedSchema) {
    throw new SeedSpecError(spec.slug, `schema mode needs schemaName ${expectedSchema}`);
  }
  const setUpAt = addDays(anchor, -180);
  return {
    id: clinicIdFor(spec.slug),
    slug: spec.slug,
    name: spec.name,
    billingStatus: 'active',
    mode: spec.mode,
    schemaName: spec.mode === 'schema' ? expectedSchema : null,
    status: 'active',
    timezone: spec.timezone,
    currency: spec.currency,
    brandColor: spec.brandColor,
    onboarding: { state: 'ready', provisionedAt: setUpAt.toISOString() },
    createdAt: setUpAt,
    updatedAt: setUpAt,
  };
}

/**
 * Turns a spec into tenant rows: ids from names, dates from the anchor week. Pure and deterministic
 * (password hashes come in from the caller), and it refuses a spec that breaks the product's
 * rules — a reservation outside its therapist's shift, double bookings, overdrawn credits —
 * so demo data never shows what the app would not allow.
 */
export function buildClinicRows(
  spec: ClinicSpec,
  anchor: Date,
  passwordHashes: ReadonlyMap<string, string>,
): ClinicRows {
  const fail = (message: string): never => {
    throw new SeedSpecError(spec.slug, message);
  };
  const clinicId = clinicIdFor(spec.slug);
  const id = (...parts: string[]) => seedId(spec.slug, ...parts);
  const setUpAt = addDays(anchor, -180);
  const clientsJoinedAt = addDays(anchor, -90);

  const unique = (kind: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) fail(`duplicate ${kind} "${key}"`);
      seen.add(key);
    }
  };
  unique(
    'user',
    spec.users.map((user) => user.key),
  );
  unique(
    'email',
    spec.users.map((user) => user.email),
  );
  unique(
    'branch',
    spec.branches.map((branch) => branch.key),
  );
  unique(
    'therapist',
    spec.therapists.map((therapist) => therapist.key),
  );
  unique(
    'package',
    spec.packages.map((pkg) => pkg.key),
  );
  unique(
    'purchase',
    spec.purchases.map((purchase) => purchase.key),
  );

  const usersByKey = new Map(spec.users.map((user) => [user.key, user]));
  const users = spec.users.map((user) => {
    if (user.email !== user.email.toLowerCase()) fail(`email ${user.email} is not lower-case`);
    const passwordHash =
      passwordHashes.get(user.email) ?? fail(`no password hash for ${user.email}`);
    const joinedAt = user.role === 'CLIENT' ? clientsJoinedAt : setUpAt;
    return {
      clinicId,
      id: id('user', user.key),
      email: user.email,
      name: user.name,
      phone: user.phone ?? null,
      role: user.role,
      passwordHash,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    };
  });

  const branchesByKey = new Map(spec.branches.map((branch) => [branch.key, branch]));
  const branches = spec.branches.map((branch) => ({
    clinicId,
    id: id('branch', branch.key),
    name: branch.name,
    address: branch.address,
    timezone: branch.timezone ?? spec.timezone,
    createdAt: setUpAt,
    updatedAt: setUpAt,
  }));
  const openingHours = spec.branches.flatMap((branch) =>
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
  unique(
    'opening hours',
    openingHours.map((row) => `${row.branchId}:${row.weekday}`),
  );
  const isOpen = (branchKey: string, weekday: Weekday, from: number, to: number) =>
    openingHours.some(
      (row) =>
        row.branchId === id('branch', branchKey) &&
        row.weekday === weekday &&
        row.opensAt <= from &&
        to <= row.closesAt,
    );

  const therapistsByKey = new Map(spec.therapists.map((therapist) => [therapist.key, therapist]));
  const linkedUsers = new Set<string>();
  const therapists = spec.therapists.map((therapist) => {
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

  const therapistBranches: ClinicRows['therapistBranches'] = [];
  const shifts: ClinicRows['shifts'] = [];
  for (const therapist of spec.therapists) {
    for (const shift of therapist.shifts) {
      if (!branchesByKey.has(shift.branch))
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
        if (!(startsAt < endsAt) || !isOpen(shift.branch, weekday, startsAt, endsAt)) {
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

  const packagesByKey = new Map(spec.packages.map((pkg) => [pkg.key, pkg]));
  const packages = spec.packages.map((pkg) => ({
    clinicId,
    id: id('package', pkg.key),
    name: pkg.name,
    description: pkg.description,
    sessionsIncluded: pkg.sessions,
    priceCents: pkg.priceCents,
    currency: spec.currency,
    validityDays: pkg.validityDays,
    createdAt: setUpAt,
    updatedAt: setUpAt,
  }));

  const purchases = new Map(
    spec.purchases.map((purchase) => {
      const pkg =
        packagesByKey.get(purchase.package) ?? fail(`purchase ${purchase.key}: no package`);
      if (usersByKey.get(purchase.user)?.role !== 'CLIENT')
        fail(`purchase ${purchase.key}: not a client`);
      if (purchase.daysBeforeAnchor < 0) fail(`purchase ${purchase.key} is in the future`);
      const purchasedAt = addDays(anchor, -purchase.daysBeforeAnchor);
      const state = {
        spec: purchase,
        pkg,
        purchasedAt,
        expiresAt: addDays(purchasedAt, pkg.validityDays),
        used: 0,
      };
      return [purchase.key, state];
    }),
  );

  const placed: { spec: ReservationSpec; start: Date; end: Date; status: ReservationStatus }[] = [];
  for (const reservation of spec.reservations) {
    const where = `reservation of ${reservation.client} with ${reservation.therapist}, week ${reservation.week} day ${reservation.weekday} ${reservation.at}`;
    const therapist = therapistsByKey.get(reservation.therapist) ?? fail(`${where}: no therapist`);
    const branch = branchesByKey.get(reservation.branch) ?? fail(`${where}: no branch`);
    if (usersByKey.get(reservation.client)?.role !== 'CLIENT') fail(`${where}: not a client`);
    if (!Number.isInteger(reservation.week) || reservation.week === 0) {
      fail(`${where}: week must be a non-zero integer`);
    }
    const from = toMinutes(reservation.at);
    const to = from + therapist.sessionMinutes;
    const inShift = shifts.some(
      (shift) =>
        shift.therapistId === id('therapist', therapist.key) &&
        shift.branchId === id('branch', branch.key) &&
        shift.weekday === reservation.weekday &&
        shift.startsAt <= from &&
        to <= shift.endsAt,
    );
    if (!inShift) fail(`${where}: outside the therapist's shifts`);

    const timezone = branch.timezone ?? spec.timezone;
    const day = dayOf(anchor, reservation.week, reservation.weekday);
    const start = localTimeToUtc(day, from, timezone);
    const end = localTimeToUtc(day, to, timezone);
    const status: ReservationStatus =
      reservation.status ?? (reservation.week < 0 ? 'completed' : 'booked');
    if (status === 'no_show' && reservation.week > 0)
      fail(`${where}: a no-show cannot be upcoming`);

    const active = status !== 'cancelled';
    if (active) {
      for (const other of placed) {
        if (other.status === 'cancelled' || !overlaps({ start, end }, other)) continue;
        if (other.spec.therapist === reservation.therapist)
          fail(`${where}: therapist double-booked`);
        if (other.spec.client === reservation.client) fail(`${where}: client double-booked`);
      }
    }

    const purchase = purchases.get(reservation.purchase) ?? fail(`${where}: no purchase`);
    if (purchase.spec.user !== reservation.client)
      fail(`${where}: paid with another client's package`);
    if (start < purchase.purchasedAt || end > purchase.expiresAt) {
      fail(`${where}: outside its package's validity`);
    }
    // Cancelling gives the credit back; a no-show forfeits it.
    if (active) purchase.used += 1;
    if (purchase.used > purchase.pkg.sessions)
      fail(`${where}: package ${purchase.spec.key} overdrawn`);
    placed.push({ spec: reservation, start, end, status });
  }

  const userPackages = [...purchases.values()].map((purchase) => {
    const userPackageId = id('user-package', purchase.spec.key);
    return {
      clinicId,
      id: userPackageId,
      userId: id('user', purchase.spec.user),
      packageId: id('package', purchase.spec.package),
      creditsTotal: purchase.pkg.sessions,
      creditsLeft: purchase.pkg.sessions - purchase.used,
      expiresAt: purchase.expiresAt,
      status: 'active' as const,
      // Seeded credits are staff grants, not Stripe purchases.
      purchaseReference: `manual:${userPackageId}`,
      createdAt: purchase.purchasedAt,
    };
  });

  const reservations = placed.map(({ spec: reservation, start, end, status }) => {
    const purchase = purchases.get(reservation.purchase)!;
    // Booked a week ahead (or at purchase), never later than the anchor: no row is dated in
    // the future except the appointment itself.
    const createdAt = latest(
      purchase.purchasedAt,
      earliest(new Date(start.getTime() - 7 * 24 * HOUR), anchor),
    );
    const cancelledAt =
      status === 'cancelled'
        ? latest(createdAt, earliest(new Date(start.getTime() - 24 * HOUR), anchor))
        : null;
    const updatedAt = cancelledAt ?? (status === 'booked' ? createdAt : end);
    return {
      clinicId,
      id: id(
        'reservation',
        reservation.therapist,
        reservation.client,
        String(reservation.week),
        String(reservation.weekday),
        reservation.at,
      ),
      clientId: id('user', reservation.client),
      therapistId: id('therapist', reservation.therapist),
      branchId: id('branch', reservation.branch),
      userPackageId: id('user-package', reservation.purchase),
      startsAt: start,
      endsAt: end,
      status,
      notes: reservation.notes ?? null,
      cancelledAt,
      createdAt,
      updatedAt,
    };
  });

  return {
    users,
    branches,
    openingHours,
    therapists,
    therapistBranches,
    shifts,
    packages,
    userPackages,
    reservations,
  };
}
