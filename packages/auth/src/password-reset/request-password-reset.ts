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
  /**
   * Runs the token and mail work after the answer; by default on the next turn of the event
   * loop (setImmediate). Tests pass their own to await it.
   */
  afterAnswer?: (work: () => Promise<void>) => void;
}

const nextTurn = (work: () => Promise<void>) => void setImmediate(() => void work());

/**
 * Starts a password reset at the bound clinic. The answer waits for one thing only, the same
 * for every email: the throttle count (3 requests per email per hour, counted for unknown
 * emails too). The rest leaves the request path and runs after the answer, still bound to the
 * clinic, in one transaction: one statement resolves the email and, only if it names an
 * enabled account, replaces the user's unused tokens with a new one; then the mailer writes the
 * message in that transaction (an outbox mailer's message commits with its token, or neither
 * does). So neither the answer nor its timing says whether the email exists. Only the token's
 * SHA-256 is stored; it expires in an hour. Failures after the answer go to `onMailerError`.
 */
export async function requestPasswordReset(
  db: TenantClient,
  input: { email: string },
  {
    mailer,
    clock = systemClock,
    onMailerError = logMailerError,
    afterAnswer = nextTurn,
  }: RequestPasswordResetOptions,
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
  // After the answer (not in a microtask of this call): its work never delays the response.
  afterAnswer(() => issueResetToken(db, clinic, email, now, mailer).catch(onMailerError));
}

async function issueResetToken(
  db: TenantClient,
  clinic: { id: string; slug: string },
  email: string,
  now: Date,
  mailer: PasswordResetMailer,
): Promise<void> {
  const token = generateSecretToken();
  const expiresAt = addMs(now, RESET_TOKEN_LIFETIME_MS);
  await db.$transaction(async (tx) => {
    // One statement resolves the email and issues the token; it writes nothing when no enabled
    // account has this email.
    const issued = await tx.$queryRaw<{ email: string; name: string; locale: string | null }[]>`
      WITH account AS (
        SELECT id, email, name, locale FROM users
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
      SELECT account.email, account.name, account.locale
        FROM account JOIN issued ON issued.user_id = account.id`;
    const user = issued[0];
    if (!user) return;
    // In the token's transaction: a failing message write rolls the token back (no token
    // without its message).
    await mailer.sendPasswordReset(
      {
        to: user.email,
        name: user.name,
        locale: user.locale,
        token,
        expiresAt,
        clinicSlug: clinic.slug,
      },
      tx,
    );
  });
}

function logMailerError(error: unknown): void {
  // The error's class only: a mailer's message could quote the link, token included.
  const kind = error instanceof Error ? error.name : typeof error;
  console.error(`[auth] a password reset mail could not be sent (${kind})`);
}
