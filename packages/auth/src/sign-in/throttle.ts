import { Prisma, type PrismaClient } from '@eventora/db';
import { requireClinic, type TenantClient, type TenantTransaction } from '@eventora/tenancy';

import { DAY_MS, MINUTE_MS } from '../clock';

/** At most `limit` failures per `windowMs` (a fixed window from the first); then locked for `lockMs`. */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Failures of one account from every address: never a lock (that would let anyone lock an
 * owner out), but past `freeFailures` in `windowMs` each attempt waits longer before it is
 * answered: `baseDelayMs`, doubled per further failure, at most `maxDelayMs`.
 */
export interface ProgressiveDelay {
  freeFailures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface SignInThrottlePolicy {
  /** Per typed email AND client address: guessing one account's password from one place. */
  pair: ThrottleRule;
  /** Per client address (IPv6 per /64): spraying one password over many accounts. */
  ip: ThrottleRule;
  /** Per typed email from anywhere: slowed down, never locked. */
  account: ProgressiveDelay;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  pair: { limit: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
  ip: { limit: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
  account: { freeFailures: 5, windowMs: 15 * MINUTE_MS, baseDelayMs: 1_000, maxDelayMs: 30_000 },
};

/** Keyed by the email as typed (normalised), so unknown emails behave exactly like known ones. */
export function accountThrottleKey(normalizedEmail: string): string {
  return `account:${normalizedEmail}`;
}

/** One account at one address (the hard lock's key); `|` never occurs in an account key's email. */
export function pairThrottleKey(accountKey: string, ipKey: string): string {
  return `${accountKey}|${ipKey}`;
}

/** How long an attempt on an account with `failures` recent failures waits before its answer. */
export function progressiveDelayMs(failures: number, rule: ProgressiveDelay): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.baseDelayMs * 2 ** (failures - rule.freeFailures), rule.maxDelayMs);
}

/** A rule that only counts (the account's failures, for the delay). */
export function countingRule(rule: ProgressiveDelay): ThrottleRule {
  return { limit: 2_147_483_647, windowMs: rule.windowMs, lockMs: 0 };
}

/** Counters of failed attempts, one row per key, in the database. */
export interface AttemptStore {
  /** The latest lock in force on any of `keys` at `now`, or null. */
  lockedUntil(keys: readonly string[], now: Date): Promise<Date | null>;
  /** Failures of `key` in its current window (0 once the window is over). */
  failures(key: string, windowMs: number, now: Date): Promise<number>;
  /** Counts one failure atomically; locks the key when it reaches the rule's limit. */
  recordFailure(
    key: string,
    rule: ThrottleRule,
    now: Date,
  ): Promise<{ attempts: number; lockedUntil: Date | null }>;
  /** Forgets keys' failures (a successful sign-in of that account). */
  reset(...keys: string[]): Promise<void>;
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
    async failures(key, windowMs, now) {
      const row = await db.signInAttempt.findFirst({
        where: { key, windowStartedAt: { gt: new Date(now.getTime() - windowMs) } },
        select: { attempts: true },
      });
      return row?.attempts ?? 0;
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
    async reset(...keys) {
      await db.signInAttempt.deleteMany({ where: { key: { in: keys } } });
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
    async failures(key, windowMs, now) {
      const row = await db.platformSignInAttempt.findFirst({
        where: { key, windowStartedAt: { gt: new Date(now.getTime() - windowMs) } },
        select: { attempts: true },
      });
      return row?.attempts ?? 0;
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
    async reset(...keys) {
      await db.platformSignInAttempt.deleteMany({ where: { key: { in: keys } } });
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
