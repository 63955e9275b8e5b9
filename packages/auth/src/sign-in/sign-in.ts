import type { Session } from '@eventora/db';
import type { TenantClient, TenantTransaction } from '@eventora/tenancy';

import { systemClock, type ClockOptions } from '../clock';
import { isPlausibleEmail, normalizeEmail } from '../email';
import { invalidCredentials, tooManyAttempts } from '../errors';
import { verifyPassword } from '../password';
import { PASSWORD_MAX_LENGTH } from '../password-policy';
import { SESSION_USER_SELECT, toSessionUser, type SessionUser } from '../sessions/session-user';
import { createSession } from '../sessions/sessions';
import { dummyPasswordHash } from './dummy-hash';
import { ipThrottleKey } from './ip-key';
import {
  accountThrottleKey,
  countingRule,
  DEFAULT_SIGN_IN_THROTTLE,
  pairThrottleKey,
  progressiveDelayMs,
  tenantAttemptStore,
  type AttemptStore,
  type SignInThrottlePolicy,
} from './throttle';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address (a validated IP), for the per-IP limit; null shares one 'unknown' bucket. */
  ip: string | null;
  userAgent?: string | null;
}

/**
 * Work that commits or rolls back with an auth change (the API writes the change's audit
 * entry here): it gets the change's transaction, and if it throws, the change is undone.
 */
export type InTransaction<T> = (tx: TenantTransaction, done: T) => Promise<void>;

export interface SignInOptions extends ClockOptions {
  throttle?: SignInThrottlePolicy;
  /** How an attempt waits out the account's progressive delay (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
  /** Runs in the transaction that creates the session (and the account, for sign-up). */
  inTransaction?: InTransaction<SignedIn>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SignedIn {
  token: string;
  session: Session;
  user: SessionUser;
}

/**
 * Signs a user of the bound clinic in and starts a new session. Every refusal for a bad email
 * or password is the same INVALID_CREDENTIALS, after the same Argon2id work (a dummy hash
 * stands in for a missing account). Failures are counted in the database three ways: per
 * email AND address (5 in 15 minutes lock that pair: TOO_MANY_ATTEMPTS with a retry-after,
 * even for the right password), per address (20 lock the address), and per email from
 * anywhere, which never locks (no one can lock an owner out from elsewhere) but makes each
 * further attempt wait longer before its answer. Success clears the email's counters and
 * creates the session in one transaction with `inTransaction` (the audit entry).
 */
export async function signIn(
  db: TenantClient,
  input: SignInInput,
  {
    clock = systemClock,
    throttle = DEFAULT_SIGN_IN_THROTTLE,
    sleep = realSleep,
    inTransaction,
  }: SignInOptions = {},
): Promise<SignedIn> {
  const now = clock();
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  const attempts = tenantAttemptStore(db);
  await beforeAttempt(attempts, keys, { throttle, now, sleep });

  const user = isPlausibleEmail(email)
    ? await db.user.findFirst({
        where: { email },
        select: { ...SESSION_USER_SELECT, passwordHash: true, disabledAt: true },
      })
    : null;
  const verified = await verifyAgainst(user?.passwordHash ?? null, input.password);

  if (!user || !verified || user.disabledAt !== null) {
    await recordFailure(attempts, keys, throttle, now);
    throw invalidCredentials();
  }

  return db.$transaction(async (tx) => {
    await tenantAttemptStore(tx).reset(keys.accountKey, keys.pairKey);
    const { token, session } = await createSession(
      tx,
      { userId: user.id, ip: input.ip, userAgent: input.userAgent },
      { clock },
    );
    const signedIn = { token, session, user: toSessionUser(user) };
    await inTransaction?.(tx, signedIn);
    return signedIn;
  });
}

export interface ThrottleKeys {
  accountKey: string;
  ipKey: string;
  pairKey: string;
}

export function throttleKeys(normalizedEmail: string, ip: string | null): ThrottleKeys {
  const accountKey = accountThrottleKey(normalizedEmail);
  const ipKey = ipThrottleKey(ip);
  return { accountKey, ipKey, pairKey: pairThrottleKey(accountKey, ipKey) };
}

/** Refuses a locked pair or address, then waits the account's progressive delay. */
export async function beforeAttempt(
  attempts: AttemptStore,
  keys: ThrottleKeys,
  {
    throttle,
    now,
    sleep,
  }: { throttle: SignInThrottlePolicy; now: Date; sleep: (ms: number) => Promise<void> },
): Promise<void> {
  const lockedUntil = await attempts.lockedUntil([keys.pairKey, keys.ipKey], now);
  if (lockedUntil) throw tooManyAttempts(lockedUntil, now);
  const failures = await attempts.failures(keys.accountKey, throttle.account.windowMs, now);
  const delay = progressiveDelayMs(failures, throttle.account);
  if (delay > 0) await sleep(delay);
}

/**
 * Argon2id verification that always costs one verification: against the dummy hash when there
 * is no stored hash, and a password too long to be valid is checked as '' (still hashed).
 */
export async function verifyAgainst(storedHash: string | null, password: string): Promise<boolean> {
  const tooLong = password.length > 4 * PASSWORD_MAX_LENGTH;
  const verified = await verifyPassword(
    storedHash ?? (await dummyPasswordHash()),
    tooLong ? '' : password,
  );
  return verified && storedHash !== null && !tooLong;
}

export async function recordFailure(
  attempts: AttemptStore,
  keys: ThrottleKeys,
  throttle: SignInThrottlePolicy,
  now: Date,
): Promise<void> {
  await attempts.recordFailure(keys.pairKey, throttle.pair, now);
  await attempts.recordFailure(keys.ipKey, throttle.ip, now);
  await attempts.recordFailure(keys.accountKey, countingRule(throttle.account), now);
}
