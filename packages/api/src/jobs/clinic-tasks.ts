import type { PlatformClient } from '@eventora/auth';
import { writeMessage, type Locale } from '@eventora/mail';
import type { TenantClient } from '@eventora/tenancy';

import { addHistograms, latencyQuantile } from '../request/latency-histogram';
import { countActivity, dayWindow } from '../routers/admin/health/figures';
import type { ApiServices } from '../services';
import type { ClinicSettings } from './clinic-settings';
import { reminderDueAt } from './reminder-time';
import { unsubscribeToken } from './unsubscribe-token';

/** What the scheduled tasks need besides the clinic's tenant client. */
export interface TaskServices {
  platform: PlatformClient;
  tenants: ApiServices['tenants'];
  now: () => Date;
  portalUrl: (slug: string) => string;
  /** Signs reminders' unsubscribe links (the portal checks them with the same secret). */
  mailSecret: string;
}

/** A package's clients hear 7 days before it expires with sessions left. */
export const PACKAGE_EXPIRY_NOTICE_DAYS = 7;
const DAY_MS = 86_400_000;

const localeOf = (user: { locale: string | null }, clinic: ClinicSettings): Locale =>
  user.locale === 'es' || user.locale === 'en' ? user.locale : clinic.locale;

/**
 * Writes the reminders that are due: booked sessions whose reminder time (the clinic's
 * `reminderHoursBefore` on the branch's clock, see reminderDueAt) has come, for clients who
 * did not opt out. Once per booking and start time (a moved booking is reminded again); none
 * for a session booked after its reminder time (its confirmation just went out) and none for
 * a cancelled one.
 */
export async function sendReminders(
  db: TenantClient,
  clinic: ClinicSettings,
  services: TaskServices,
): Promise<{ written: number }> {
  const now = services.now();
  // Two hours beyond the lead cover a DST change on the way.
  const horizon = new Date(now.getTime() + (clinic.reminderHoursBefore + 2) * 3_600_000);
  const due = await db.reservation.findMany({
    where: {
      status: 'booked',
      startsAt: { gt: now, lte: horizon },
      client: { remindersOptedOutAt: null, disabledAt: null },
    },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      createdAt: true,
      client: { select: { id: true, email: true, name: true, locale: true } },
      therapist: { select: { name: true } },
      branch: { select: { name: true, address: true, timezone: true } },
    },
  });
  const portal = services.portalUrl(clinic.slug);
  let written = 0;
  for (const reservation of due) {
    const dueAt = reminderDueAt(
      reservation.startsAt,
      reservation.branch.timezone,
      clinic.reminderHoursBefore,
    );
    if (dueAt > now || reservation.createdAt > dueAt) continue;
    const token = unsubscribeToken(services.mailSecret, clinic.id, reservation.client.id);
    const id = await writeMessage(db, {
      kind: 'booking.reminder',
      to: reservation.client,
      locale: localeOf(reservation.client, clinic),
      dedupeKey: `reminder:${reservation.id}:${reservation.startsAt.toISOString()}`,
      data: {
        reservationId: reservation.id,
        therapistName: reservation.therapist.name,
        branchName: reservation.branch.name,
        branchAddress: reservation.branch.address,
        timezone: reservation.branch.timezone,
        startsAt: reservation.startsAt.toISOString(),
        endsAt: reservation.endsAt.toISOString(),
        manageUrl: `${portal}/bookings`,
        unsubscribeUrl: `${portal}/unsubscribe?token=${encodeURIComponent(token)}`,
      },
    });
    if (id) written++;
  }
  return { written };
}

/**
 * Marks booked sessions `completed` once the clinic's grace period after their end has passed
 * (meanwhile staff may mark a no-show: that is their call, never the job's). One audit entry
 * says how many.
 */
export async function completePastBookings(
  db: TenantClient,
  clinic: ClinicSettings,
  services: TaskServices,
): Promise<{ completed: number }> {
  const cutoff = new Date(services.now().getTime() - clinic.completionGraceHours * 3_600_000);
  return db.$transaction(async (tx) => {
    const { count } = await tx.reservation.updateMany({
      where: { status: 'booked', endsAt: { lte: cutoff } },
      data: { status: 'completed' },
    });
    if (count > 0) {
      await tx.auditLog.create({
        data: {
          clinicId: clinic.id,
          actorType: 'system',
          action: 'reservation.complete',
          metadata: { count, endedBefore: cutoff.toISOString() },
        },
        select: { id: true },
      });
    }
    return { completed: count };
  });
}

/** Longest sign-in throttle window or lock (auth's rules are 15 minutes); older rows are spent. */
const SPENT_ATTEMPTS_AFTER_MS = DAY_MS;

/** Deletes expired sessions, used or expired reset tokens, and spent sign-in counters. */
export async function cleanUpExpired(
  db: TenantClient,
  _clinic: ClinicSettings,
  services: TaskServices,
): Promise<{ sessions: number; resetTokens: number; signInAttempts: number }> {
  const now = services.now();
  const spent = new Date(now.getTime() - SPENT_ATTEMPTS_AFTER_MS);
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const resetTokens = await db.passwordResetToken.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] },
  });
  const signInAttempts = await db.signInAttempt.deleteMany({
    where: {
      windowStartedAt: { lte: spent },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return {
    sessions: sessions.count,
    resetTokens: resetTokens.count,
    signInAttempts: signInAttempts.count,
  };
}

/** Tells clients whose package expires within PACKAGE_EXPIRY_NOTICE_DAYS with sessions left; once per package and expiry. */
export async function notifyExpiringPackages(
  db: TenantClient,
  clinic: ClinicSettings,
  services: TaskServices,
): Promise<{ written: number }> {
  const now = services.now();
  const packages = await db.userPackage.findMany({
    where: {
      status: 'active',
      creditsLeft: { gt: 0 },
      expiresAt: { gt: now, lte: new Date(now.getTime() + PACKAGE_EXPIRY_NOTICE_DAYS * DAY_MS) },
      user: { disabledAt: null },
    },
    select: {
      id: true,
      creditsLeft: true,
      expiresAt: true,
      package: { select: { name: true } },
      user: { select: { email: true, name: true, locale: true } },
    },
  });
  let written = 0;
  for (const held of packages) {
    const id = await writeMessage(db, {
      kind: 'package.expiring',
      to: held.user,
      locale: localeOf(held.user, clinic),
      dedupeKey: `package-expiring:${held.id}:${held.expiresAt.toISOString()}`,
      data: {
        packageName: held.package.name,
        creditsLeft: held.creditsLeft,
        expiresAt: held.expiresAt.toISOString(),
        timezone: clinic.timezone,
        manageUrl: `${services.portalUrl(clinic.slug)}/book`,
      },
    });
    if (id) written++;
  }
  return { written };
}

/**
 * Writes the clinic's figures for yesterday and today (UTC) to the control plane's
 * clinic_usage_daily: sessions held, sign-ins, API calls, errors and the 95th percentile of their
 * latency (from the recorder's histograms), users and clients, and its
 * share of each tenant table. Counts only; the console's health views read them from there.
 */
export async function rollUpUsage(
  db: TenantClient,
  clinic: ClinicSettings,
  services: TaskServices,
): Promise<{ days: number }> {
  const window = dayWindow(services.now(), 2);
  // Counted with the job's own binding: re-resolving the clinic from inside a schema clinic's
  // binding would look the registry up in that schema and find nothing.
  const activity = await countActivity(db, window, { tables: true });
  const users = await db.user.count();
  const clients = await db.user.count({ where: { role: 'CLIENT' } });
  // One row per day and procedure kind: summed here, latency histograms element by element.
  const requestRows = await services.platform.apiRequestStat.findMany({
    where: { targetClinicId: clinic.id, day: { gte: window.since, lt: window.until } },
    select: { day: true, requests: true, errors: true, serverErrors: true, latencyBuckets: true },
  });
  const requests = new Map<
    string,
    { requests: bigint; errors: bigint; serverErrors: bigint; latency: number[] }
  >();
  for (const row of requestRows) {
    const day = row.day.toISOString().slice(0, 10);
    const sum = requests.get(day) ?? { requests: 0n, errors: 0n, serverErrors: 0n, latency: [] };
    sum.requests += row.requests;
    sum.errors += row.errors;
    sum.serverErrors += row.serverErrors;
    addHistograms(sum.latency, row.latencyBuckets);
    requests.set(day, sum);
  }
  const tables = activity.tables.map((table) => ({
    table: table.table,
    rows: table.rows,
    approximateBytes: table.approximateBytes,
  }));
  const approximateBytes = BigInt(tables.reduce((sum, table) => sum + table.approximateBytes, 0));
  for (const day of window.days) {
    const calls = requests.get(day);
    const figures = {
      reservations: activity.reservations.get(day) ?? 0,
      signIns: activity.signIns.get(day) ?? 0,
      apiRequests: calls?.requests ?? 0n,
      apiErrors: calls?.errors ?? 0n,
      apiServerErrors: calls?.serverErrors ?? 0n,
      latencyP95Ms: calls ? latencyQuantile(calls.latency, 0.95) : null,
      users,
      clients,
      approximateBytes,
      tables,
      computedAt: services.now(),
    };
    await services.platform.clinicUsageDaily.upsert({
      where: {
        day_targetClinicId: { day: new Date(`${day}T00:00:00Z`), targetClinicId: clinic.id },
      },
      create: { day: new Date(`${day}T00:00:00Z`), targetClinicId: clinic.id, ...figures },
      update: figures,
    });
  }
  return { days: window.days.length };
}
