import { parseCookie, stringifySetCookie } from 'cookie';

import { isSecretTokenShape } from '../tokens/secret-token';

// Pure helpers (no database): safe to import from middleware and edge code.

/** The clinic portal's session cookie. */
export const SESSION_COOKIE = 'eventora_session';
/** The admin console's cookie: another name, so the two kinds of session never mix. */
export const PLATFORM_SESSION_COOKIE = 'eventora_platform_session';

export interface CookieOptions {
  /** Adds `Secure`. Use `secureCookiesFor(host)`: true everywhere but localhost. */
  secure: boolean;
}

/**
 * False only for `localhost` and `*.localhost` (browsers treat those as secure contexts over
 * plain http, which is how dev runs); true for every other host, and for a host header we
 * cannot parse, so a mistake costs a dev cookie, never a production one.
 */
export function secureCookiesFor(host: string | null | undefined): boolean {
  if (!host) return true;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return true;
  }
  hostname = hostname.toLowerCase().replace(/\.$/, '');
  return !(hostname === 'localhost' || hostname.endsWith('.localhost'));
}

function setCookie(
  name: string,
  value: string,
  expires: Date | undefined,
  { secure }: CookieOptions,
): string {
  return stringifySetCookie({
    name,
    value,
    httpOnly: true,
    // Lax: sent on top-level navigations from other sites (links into the portal work), never
    // on their sub-requests or cross-site POSTs.
    sameSite: 'lax',
    path: '/',
    secure,
    ...(expires ? { expires } : { maxAge: 0, expires: new Date(0) }),
  });
}

/** `Set-Cookie` value carrying a clinic session token until `expiresAt`. */
export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  return setCookie(SESSION_COOKIE, token, expiresAt, options);
}

/** `Set-Cookie` value that removes the clinic session cookie (sign-out, invalid session). */
export function blankSessionCookie(options: CookieOptions = { secure: true }): string {
  return setCookie(SESSION_COOKIE, '', undefined, options);
}

/** `Set-Cookie` value carrying a platform (admin console) session token. */
export function platformSessionCookie(
  token: string,
  expiresAt: Date,
  options: CookieOptions,
): string {
  return setCookie(PLATFORM_SESSION_COOKIE, token, expiresAt, options);
}

/** `Set-Cookie` value that removes the platform session cookie. */
export function blankPlatformSessionCookie(options: CookieOptions = { secure: true }): string {
  return setCookie(PLATFORM_SESSION_COOKIE, '', undefined, options);
}

export interface RequestCredentials {
  cookieHeader?: string | null;
  authorizationHeader?: string | null;
}

/**
 * The clinic session token a request presents: `Authorization: Bearer <token>` (API clients)
 * or else the `eventora_session` cookie. A request that sends an Authorization header is
 * judged by that header alone. Null when there is none or it is not shaped like our tokens.
 */
export function readSessionToken({
  cookieHeader,
  authorizationHeader,
}: RequestCredentials): string | null {
  if (authorizationHeader) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader);
    return match && isSecretTokenShape(match[1]) ? match[1] : null;
  }
  return readCookieToken(cookieHeader, SESSION_COOKIE);
}

/** The platform session token of an admin console request (cookie only). */
export function readPlatformSessionToken({
  cookieHeader,
}: Pick<RequestCredentials, 'cookieHeader'>): string | null {
  return readCookieToken(cookieHeader, PLATFORM_SESSION_COOKIE);
}

function readCookieToken(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  const value = parseCookie(cookieHeader)[name];
  return isSecretTokenShape(value) ? value : null;
}
