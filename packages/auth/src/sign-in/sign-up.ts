import { Prisma } from '@eventora/db';
import { requireClinic, type TenantClient } from '@eventora/tenancy';

import { systemClock } from '../clock';
import { isPlausibleEmail, normalizeEmail } from '../email';
import { AuthError, tooManyAttempts, type FieldIssue } from '../errors';
import { hashPassword } from '../password';
import { checkPasswordPolicy } from '../password-policy';
import { toSessionUser, SESSION_USER_SELECT } from '../sessions/session-user';
import { createSession } from '../sessions/sessions';
import { ipThrottleKey } from './ip-key';
import { DEFAULT_SIGN_IN_THROTTLE, tenantAttemptStore } from './throttle';
import type { SignedIn, SignInOptions } from './sign-in';

export interface SignUpInput {
  email: string;
  name: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

/** Column limit of users.name. */
const NAME_MAX_LENGTH = 200;

/**
 * Registers a client (role CLIENT, never anything else) at the bound clinic and signs them in.
 * Refuses bad input (INVALID_INPUT) and weak passwords (WEAK_PASSWORD) with field-level
 * reasons. An email that already has an account gets EMAIL_TAKEN with neutral wording and the
 * account is untouched; since that answer does say an account exists, it counts as a failed
 * attempt against the caller's address, so probing emails through sign-up is throttled like
 * sign-in. The account, its first session and `inTransaction` (consent, audit entry) commit
 * together or not at all.
 */
export async function signUp(
  db: TenantClient,
  input: SignUpInput,
  { clock = systemClock, throttle = DEFAULT_SIGN_IN_THROTTLE, inTransaction }: SignInOptions = {},
): Promise<SignedIn> {
  const now = clock();
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const issues: FieldIssue[] = [];
  if (!isPlausibleEmail(email)) {
    issues.push({ field: 'email', code: 'INVALID_EMAIL', message: 'Enter a valid email address.' });
  }
  if (name.length === 0 || name.length > NAME_MAX_LENGTH) {
    issues.push({
      field: 'name',
      code: 'INVALID_NAME',
      message: `Enter a name of 1 to ${NAME_MAX_LENGTH} characters.`,
    });
  }
  if (issues.length > 0)
    throw new AuthError('INVALID_INPUT', 'Check the highlighted fields.', { issues });

  const policy = checkPasswordPolicy(input.password, { email, name });
  if (!policy.ok) {
    throw new AuthError('WEAK_PASSWORD', 'Choose a stronger password.', { issues: policy.issues });
  }

  const attempts = tenantAttemptStore(db);
  const ipKey = ipThrottleKey(input.ip);
  const lockedUntil = await attempts.lockedUntil([ipKey], now);
  if (lockedUntil) throw tooManyAttempts(lockedUntil, now);

  // Hashed before the insert either way, so a taken email costs the same time as a new one.
  const passwordHash = await hashPassword(input.password);
  let created = false;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { clinicId: requireClinic().id, email, name, role: 'CLIENT', passwordHash },
        select: SESSION_USER_SELECT,
      });
      created = true;
      const { token, session } = await createSession(
        tx,
        { userId: user.id, ip: input.ip, userAgent: input.userAgent },
        { clock },
      );
      const signedUp = { token, session, user: toSessionUser(user) };
      await inTransaction?.(tx, signedUp);
      return signedUp;
    });
  } catch (error) {
    if (created || !isUniqueViolation(error)) throw error;
    // Outside the rolled-back transaction, so the failure counts.
    await attempts.recordFailure(ipKey, throttle.ip, now);
    throw new AuthError(
      'EMAIL_TAKEN',
      'We could not create an account with these details. If you already have one, sign in or reset your password.',
      {
        issues: [
          {
            field: 'email',
            code: 'EMAIL_TAKEN',
            message: 'Sign in or reset your password instead.',
          },
        ],
      },
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
