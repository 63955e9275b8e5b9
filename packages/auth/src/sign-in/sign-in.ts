import type { Session } from '@eventora/db';
import type { TenantClient } from '@eventora/tenancy';

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
  DEFAULT_SIGN_IN_THROTTLE,
  tenantAttemptStore,
  type AttemptStore,
  type SignInThrottlePolicy,
} from './throttle';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, for the per-IP limit (null: none, e.g. a server-side call). */
  ip: string | null;
  userAgent?: string | null;
}

export interface SignInOptions extends ClockOptions {
  throttle?: SignInThrottlePolicy;
}

export interface SignedIn {
  token: string;
  session: Session;
  user: SessionUser;
}

/**
 * Signs a user of the bound clinic in and starts a new session. Every refusal for a bad email
 * or password is the same INVALID_CREDENTIALS, after the same Argon2id work (a dummy hash
 * stands in for a missing account); failures are counted per email and per address in the
 * database, and past the limits the answer is TOO_MANY_ATTEMPTS with a retry-after, even for
 * the right password. Success clears the email's counter, not the address's.
 */
export async function signIn(
  db: TenantClient,
  input: SignInInput,
  { clock = systemClock, throttle = DEFAULT_SIGN_IN_THROTTLE }: SignInOptions = {},
): Promise<SignedIn> {
  const now = clock();
  const email = normalizeEmail(input.email);
  const accountKey = accountThrottleKey(email);
  const ipKey = ipThrottleKey(input.ip);
  const attempts = tenantAttemptStore(db);

  const lockedUntil = await attempts.lockedUntil(ipKey ? [accountKey, ipKey] : [accountKey], now);
  if (lockedUntil) throw tooManyAttempts(lockedUntil, now);

  const user = isPlausibleEmail(email)
    ? await db.user.findFirst({
        where: { email },
        select: { ...SESSION_USER_SELECT, passwordHash: true, disabledAt: true },
      })
    : null;
  const verified = await verifyAgainst(user?.passwordHash ?? null, input.password);

  if (!user || !verified || user.disabledAt !== null) {
    await recordFailure(attempts, { accountKey, ipKey }, throttle, now);
    throw invalidCredentials();
  }

  await attempts.reset(accountKey);
  const { token, session } = await createSession(
    db,
    { userId: user.id, ip: input.ip, userAgent: input.userAgent },
    { clock },
  );
  return { token, session, user: toSessionUser(user) };
}

/**
 * Argon2id verification that always costs one verification: against the dummy hash when there
 * is no stored hash, and a password too long to be valid is checked as '' (still hashed).
 */
export async function verifyAgainst(storedHash: string | null, password: string): Promise<boolean> {
  const tooLong = password.length > 4 * PASSWORD_MAX_LENGTH;
  const verified = await verifyPassword(storedHash ?? (await dummyPasswordHash()), tooLong ? '' : password);
  return verified && storedHash !== null && !tooLong;
}

export async function recordFailure(
  attempts: AttemptStore,
  { accountKey, ipKey }: { accountKey: string; ipKey: string | null },
  throttle: SignInThrottlePolicy,
  now: Date,
): Promise<void> {
  await attempts.recordFailure(accountKey, throttle.account, now);
  if (ipKey) await attempts.recordFailure(ipKey, throttle.ip, now);
}
