import { randomUUID } from 'node:crypto';

import { requireClinic, type TenantClient } from '@eventora/tenancy';

import { addMs, HOUR_MS, systemClock, type ClockOptions } from '../clock';
import { isPlausibleEmail, normalizeEmail } from '../email';
import { tenantAttemptStore, type ThrottleRule } from '../sign-in/throttle';
import { generateSecretToken, hashSecretToken } from '../tokens/secret-token';
import type { PasswordResetMailer } from './mailer';

/** A reset link works for one hour. */
export const RESET_TOKEN_LIFETIME_MS = HOUR_MS;

/** At most 3 reset mails per email per hour, so the form cannot be used to flood an inbox. */
export const RESET_REQUEST_LIMIT: ThrottleRule = { limit: 3, windowMs: HOUR_MS, lockMs: HOUR_MS };

export interface RequestPasswordResetOptions extends ClockOptions {
  mailer: PasswordResetMailer;
  /**
   * Told when the mailer fails. The caller's answer must not change (it would say the email
   * exists), so the failure goes here instead; defaults to a line without the token.
   */
  onMailerError?: (error: unknown) => void;
}

/**
 * Starts a password reset at the bound clinic. Answers the same way, after the same database
 * work, whether or not the email has an (enabled) account: the throttle count, then one
 * statement that resolves the email and, only if it names an account, replaces the user's
 * unused tokens with a new one. Same statements, same round trips, same answer either way (the
 * token is made before it is known whether anyone will get it). The mail hand-off is not
 * awaited, so a mailer's time never reaches the answer; a mailer failure goes to
 * `onMailerError`. Only the token's SHA-256 is stored; it expires in an hour.
 */
export async function requestPasswordReset(
  db: TenantClient,
  input: { email: string },
  { mailer, clock = systemClock, onMailerError = logMailerError }: RequestPasswordResetOptions,
): Promise<void> {
  const now = clock();
  const email = normalizeEmail(input.email);
  if (!isPlausibleEmail(email)) return;

  // Counted for unknown emails too, so the limit says nothing about existence.
  const { attempts } = await tenantAttemptStore(db).recordFailure(
    `reset:${email}`,
    RESET_REQUEST_LIMIT,
    now,
  );
  if (attempts > RESET_REQUEST_LIMIT.limit) return;

  const clinic = requireClinic();
  const token = generateSecretToken();
  const expiresAt = addMs(now, RESET_TOKEN_LIFETIME_MS);
  // One statement, so known and unknown emails cost the same round trip: it inserts (and
  // deletes) nothing when no enabled account has this email.
  const issued = await db.$queryRaw<{ email: string; name: string }[]>`
    WITH account AS (
      SELECT id, email, name FROM users
       WHERE clinic_id = ${clinic.id}::uuid AND email = ${email} AND disabled_at IS NULL
    ), replaced AS (
      DELETE FROM password_reset_tokens t USING account
       WHERE t.clinic_id = ${clinic.id}::uuid AND t.user_id = account.id AND t.used_at IS NULL
    ), issued AS (
      INSERT INTO password_reset_tokens (clinic_id, id, user_id, token_hash, expires_at, created_at)
      SELECT ${clinic.id}::uuid, ${randomUUID()}::uuid, account.id, ${hashSecretToken(token)}, ${expiresAt}, ${now}
        FROM account
      RETURNING user_id
    )
    SELECT account.email, account.name FROM account JOIN issued ON issued.user_id = account.id`;
  const user = issued[0];
  if (!user) return;
  // Not awaited: the answer must not wait for the mail (only known emails get one).
  void Promise.resolve()
    .then(() =>
      mailer.sendPasswordReset({
        to: user.email,
        name: user.name,
        token,
        expiresAt,
        clinicSlug: clinic.slug,
      }),
    )
    .catch(onMailerError);
}

function logMailerError(error: unknown): void {
  // The error's class only: a mailer's message could quote the link, token included.
  const kind = error instanceof Error ? error.name : typeof error;
  console.error(`[auth] a password reset mail could not be sent (${kind})`);
}
