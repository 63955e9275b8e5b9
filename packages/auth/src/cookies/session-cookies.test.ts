import { parseSetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';

import { generateSecretToken } from '../tokens/secret-token';
import {
  blankPlatformSessionCookie,
  blankSessionCookie,
  platformSessionCookie,
  readPlatformSessionToken,
  readSessionToken,
  secureCookiesFor,
  sessionCookie,
} from './session-cookies';

const token = generateSecretToken();
const expiresAt = new Date('2031-01-31T12:00:00Z');

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Lax, Path=/, expire with the session, and Secure when asked', () => {
    const cookie = sessionCookie(token, expiresAt, { secure: true });
    expect(parseSetCookie(cookie)).toEqual({
      name: 'eventora_session',
      value: token,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: true,
      expires: expiresAt,
    });
    expect(cookie).toBe(
      `eventora_session=${token}; Path=/; Expires=Fri, 31 Jan 2031 12:00:00 GMT; HttpOnly; Secure; SameSite=Lax`,
    );
    expect(sessionCookie(token, expiresAt, { secure: false })).not.toMatch(/Secure/);
  });

  it('are Secure everywhere except localhost and *.localhost', () => {
    expect(secureCookiesFor('localhost:3000')).toBe(false);
    expect(secureCookiesFor('alpha.localhost:3000')).toBe(false);
    expect(secureCookiesFor('ALPHA.LOCALHOST')).toBe(false);
    expect(secureCookiesFor('alpha.eventora.app')).toBe(true);
    expect(secureCookiesFor('localhost.evil.com')).toBe(true);
    expect(secureCookiesFor('notlocalhost')).toBe(true);
    expect(secureCookiesFor('127.0.0.1:3000')).toBe(true);
    expect(secureCookiesFor('')).toBe(true);
    expect(secureCookiesFor(null)).toBe(true);
    expect(secureCookiesFor('bad host/with spaces')).toBe(true);
  });

  it('sign-out sends a cookie that expires at once and carries nothing', () => {
    for (const [cookie, name] of [
      [blankSessionCookie(), 'eventora_session'],
      [blankPlatformSessionCookie({ secure: false }), 'eventora_platform_session'],
    ] as const) {
      const parsed = parseSetCookie(cookie);
      expect(parsed).toMatchObject({
        name,
        value: '',
        maxAge: 0,
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
      });
      expect(parsed.expires?.getTime()).toBe(0);
    }
    expect(parseSetCookie(blankSessionCookie()).secure).toBe(true);
  });

  it('the platform cookie has its own name', () => {
    expect(parseSetCookie(platformSessionCookie(token, expiresAt, { secure: true })).name).toBe(
      'eventora_platform_session',
    );
  });
});

describe('reading the session token of a request', () => {
  it('takes the session cookie among others', () => {
    expect(
      readSessionToken({ cookieHeader: `theme=dark; eventora_session=${token}; other=1` }),
    ).toBe(token);
  });

  it('takes an API client’s bearer token, and a request with an Authorization header is judged by it alone', () => {
    expect(readSessionToken({ authorizationHeader: `Bearer ${token}` })).toBe(token);
    expect(readSessionToken({ authorizationHeader: `bearer   ${token}` })).toBe(token);
    const other = generateSecretToken();
    expect(
      readSessionToken({
        authorizationHeader: `Bearer ${other}`,
        cookieHeader: `eventora_session=${token}`,
      }),
    ).toBe(other);
    expect(
      readSessionToken({
        authorizationHeader: `Basic ${token}`,
        cookieHeader: `eventora_session=${token}`,
      }),
    ).toBeNull();
    expect(
      readSessionToken({
        authorizationHeader: 'Bearer not-a-token',
        cookieHeader: `eventora_session=${token}`,
      }),
    ).toBeNull();
  });

  it('finds nothing in no headers, junk values, or the other kind’s cookie', () => {
    expect(readSessionToken({})).toBeNull();
    expect(readSessionToken({ cookieHeader: 'eventora_session=' })).toBeNull();
    expect(readSessionToken({ cookieHeader: 'eventora_session=%27%20OR%201%3D1' })).toBeNull();
    expect(readSessionToken({ cookieHeader: `eventora_platform_session=${token}` })).toBeNull();
    expect(readPlatformSessionToken({ cookieHeader: `eventora_session=${token}` })).toBeNull();
    expect(readPlatformSessionToken({ cookieHeader: `eventora_platform_session=${token}` })).toBe(
      token,
    );
  });
});
