import { Prisma, type PrismaClient } from '@eventora/db';
import { requireClinic, type TenantClient, type TenantTransaction } from '@eventora/tenancy';

import { DAY_MS, MINUTE_MS } from '../clock';

/** At most `limit` failures per `windowMs` (a fixed window from the first); then locked for `lockMs`. */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  lockMs: number;
}

export interface SignInThrottlePolicy {
  /** Per typed email: guessing one account's password. */
  account: ThrottleRule;
  /** Per client address (IPv6 per /64): spraying one password over many accounts. */
  ip: ThrottleRule;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  account: { limit: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
  ip: { limit: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
};

/** Keyed by the email as typed (normalised), so unknown emails behave exactly like known ones. */
export function accountThrottleKey(normalizedEmail: string): string {
  return `account:${normalizedEmail}`;
}

/** Counters of failed attempts, one row per key, in the database. */
export interface AttemptStore {
  /** The latest lock in force on any of `keys` at `now`, or null. */
  lockedUntil(keys: readonly string[], now: Date): Promise<Date | null>;
  /** Counts one failure atomically; locks the key when it reaches the rule's limit. */
  recordFailure(
    key: string,
    rule: ThrottleRule,
    now: Date,
  ): Promise<{ attempts: number; lockedUntil: Date | null }>;
  /** Forgets a key's failures (a successful sign-in of that account). */
  reset(key: string): Promise<void>;
}

interface CounterRow {
  attempts: number;
  locked_until: Date | null;
}

/**
 * One statement per failure: INSERT ... ON CONFLICT DO UPDATE takes the row lock, so concurrent
 * failures queue on it and each one counts (no read-modify-write in the app). A window older
 * than `windowMs` starts over at 1.
 */
function counterUpsert(
  table: Prisma.Sql,
  keyColumns: Prisma.Sql,
  keyValues: Prisma.Sql,
  rule: ThrottleRule,
  now: Date,
) {
  const windowFloor = new Date(now.getTime() - rule.windowMs);
  const lockUntil = new Date(now.getTime() + rule.lockMs);
  const stale = Prisma.sql`a.window_started_at <= ${windowFloor}::timestamptz`;
  const next = Prisma.sql`(CASE WHEN ${stale} THEN 1 ELSE a.attempts + 1 END)`;
  return Prisma.sql`
    INSERT INTO ${table} AS a (${keyColumns}, attempts, window_started_at, locked_until)
    VALUES (${keyValues}, 1, ${now}::timestamptz,
            CASE WHEN 1 >= ${rule.limit}::int THEN ${lockUntil}::timestamptz END)
    ON CONFLICT (${keyColumns}) DO UPDATE SET
      attempts = ${next},
      window_started_at = CASE WHEN ${stale} THEN ${now}::timestamptz ELSE a.window_started_at END,
      locked_until = CASE WHEN ${next} >= ${rule.limit}::int THEN ${lockUntil}::timestamptz
                          ELSE a.locked_until END
    RETURNING attempts, locked_until`;
}

function latest(rows: { lockedUntil: Date | null }[]): Date | null {
  const times = rows.flatMap((row) => (row.lockedUntil ? [row.lockedUntil.getTime()] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** Attempt counters of the bound clinic (`sign_in_attempts`, row level security applies). */
export function tenantAttemptStore(db: TenantClient | TenantTransaction): AttemptStore {
  return {
    async lockedUntil(keys, now) {
      const rows = await db.signInAttempt.findMany({
        where: { key: { in: [...keys] }, lockedUntil: { gt: now } },
        select: { lockedUntil: true },
      });
      return latest(rows);
    },
    async recordFailure(key, rule, now) {
      // Raw SQL runs under the clinic binding and search_path of the tenant client, so a
      // schema-mode clinic counts in its own schema's table.
      const [row] = await db.$queryRaw<CounterRow[]>(
        counterUpsert(
          Prisma.sql`sign_in_attempts`,
          Prisma.sql`clinic_id, key`,
          Prisma.sql`${requireClinic().id}::uuid, ${key}`,
          rule,
          now,
        ),
      );
      return { attempts: row!.attempts, lockedUntil: row!.locked_until };
    },
    async reset(key) {
      await db.signInAttempt.deleteMany({ where: { key } });
    },
  };
}

/** Attempt counters of operator sign-ins (`platform_sign_in_attempts`, control plane). */
export function platformAttemptStore(db: PrismaClient): AttemptStore {
  return {
    async lockedUntil(keys, now) {
      const rows = await db.platformSignInAttempt.findMany({
        where: { key: { in: [...keys] }, lockedUntil: { gt: now } },
        select: { lockedUntil: true },
      });
      return latest(rows);
    },
    async recordFailure(key, rule, now) {
      const [row] = await db.$queryRaw<CounterRow[]>(
        counterUpsert(
          Prisma.sql`platform_sign_in_attempts`,
          Prisma.sql`key`,
          Prisma.sql`${key}`,
          rule,
          now,
        ),
      );
      return { attempts: row!.attempts, lockedUntil: row!.locked_until };
    },
    async reset(key) {
      await db.platformSignInAttempt.deleteMany({ where: { key } });
    },
  };
}

/**
 * Deletes the bound clinic's counters whose window started more than `olderThanMs` ago (default
 * a day, longer than any window here) and whose lock is over; run it from a periodic job so
 * rows for one-off emails and addresses do not pile up.
 */
export async function pruneSignInAttempts(
  db: TenantClient,
  { now, olderThanMs = DAY_MS }: { now: Date; olderThanMs?: number },
): Promise<number> {
  const { count } = await db.signInAttempt.deleteMany({
    where: {
      windowStartedAt: { lte: new Date(now.getTime() - olderThanMs) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return count;
}
