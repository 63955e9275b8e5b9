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
 * Starts a password reset at the bound clinic. Resolves the same way whether or not the email
 * has an (enabled) account: only if it does is a token made and handed to the mailer, and that
 * is the token's only way out. Only the token's SHA-256 is stored; it expires in an hour and
 * replaces every earlier unused token of the user.
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
  const { attempts } = await tenantAttemptStore(db).recordFailure(`reset:${email}`, RESET_REQUEST_LIMIT, now);
  if (attempts > RESET_REQUEST_LIMIT.limit) return;

  const user = await db.user.findFirst({
    where: { email, disabledAt: null },
    select: { id: true, email: true, name: true, locale: true },
  });
  if (!user) return;

  const clinic = requireClinic();
  const token = generateSecretToken();
  const expiresAt = addMs(now, RESET_TOKEN_LIFETIME_MS);
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.passwordResetToken.create({
      data: { clinicId: clinic.id, userId: user.id, tokenHash: hashSecretToken(token), createdAt: now, expiresAt },
    });
    // In the token's transaction: an outbox mailer's message commits with the token. A failing
    // database write still fails the transaction (no token without its message).
    try {
      await mailer.sendPasswordReset(
        { to: user.email, name: user.name, locale: user.locale, token, expiresAt, clinicSlug: clinic.slug },
        tx,
      );
    } catch (error) {
      onMailerError(error);
    }
  });
}

function logMailerError(error: unknown): void {
  // The error's class only: a mailer's message could quote the link, token included.
  const kind = error instanceof Error ? error.name : typeof error;
  console.error(`[auth] a password reset mail could not be sent (${kind})`);
}
