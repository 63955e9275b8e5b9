import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The secret outside production when MAIL_LINK_SECRET is unset, shared by the worker (signs)
 * and the portal (checks), so links in the dev catcher work. Production refuses to start
 * without a secret of its own.
 */
export const DEVELOPMENT_MAIL_LINK_SECRET = 'development-only-mail-link-secret';

/**
 * The token of a reminder's unsubscribe link: the user and an HMAC of (clinic, user) under the
 * platform's mail secret. It can only stop reminders, for that one person, at that one clinic.
 */
export function unsubscribeToken(secret: string, clinicId: string, userId: string): string {
  return `${userId}.${mac(secret, clinicId, userId)}`;
}

/** The user a token names, when it is genuine for this clinic; null otherwise. */
export function verifyUnsubscribeToken(
  secret: string,
  clinicId: string,
  token: string,
): string | null {
  const [userId, given] = token.split('.');
  if (!userId || !given || !/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const expected = Buffer.from(mac(secret, clinicId, userId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? userId : null;
}

function mac(secret: string, clinicId: string, userId: string): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe:${clinicId}:${userId}`)
    .digest('base64url');
}
