import { SESSION_LIFETIME_MS, secureCookiesFor, sessionCookie } from '@eventora/auth';

import type { ApiContext } from '../context';

/** Cookie options for this request: Secure everywhere but localhost. */
export function cookieOptions(ctx: ApiContext) {
  return { secure: secureCookiesFor(ctx.request.host) };
}

/**
 * Re-sends the session cookie when validation just slid the session's expiry forward (the
 * cookie must not die before the session). Bearer-token clients keep their token as is.
 */
export function renewSessionCookie(ctx: ApiContext, token: string, expiresAt: Date): void {
  const usesCookie = !ctx.request.authorizationHeader;
  const justRenewed =
    expiresAt.getTime() - ctx.services.now().getTime() > SESSION_LIFETIME_MS - 60_000;
  if (usesCookie && justRenewed) {
    ctx.resHeaders.append('Set-Cookie', sessionCookie(token, expiresAt, cookieOptions(ctx)));
  }
}
