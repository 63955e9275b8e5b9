import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HOUR_MS, MINUTE_MS } from '../clock';
import {
  readPlatformSessionToken,
  readSessionToken,
  sessionCookie,
} from '../cookies/session-cookies';
import { AuthError } from '../errors';
import { hashPassword } from '../password';
import { createSession, validateSessionToken } from '../sessions/sessions';
import { signIn } from '../sign-in/sign-in';
import { createAuthTestWorld, GOOD_PASSWORD, type AuthTestWorld } from '../testing/auth-test-world';
import { hashSecretToken } from '../tokens/secret-token';
import { createPlatformClient, type PlatformClient } from './platform-client';
import {
  createPlatformSession,
  invalidatePlatformSession,
  PLATFORM_SESSION_LIFETIME_MS,
  validatePlatformSessionToken,
} from './platform-sessions';
import { platformSignIn } from './platform-sign-in';

describe('platform operator sessions', () => {
  let world: AuthTestWorld;
  let platform: PlatformClient;
  let olive: string;
  let t = new Date('2031-09-01T07:00:00Z').getTime();
  const freshClock = () => {
    t += 7 * 24 * HOUR_MS;
    const base = t;
    return (plusMs = 0) => ({ clock: () => new Date(base + plusMs) });
  };

  /** Operators are provisioned by the owner role: the console's role can only read them. */
  async function addOperator(email: string, options: { disabled?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    const owner = new pg.Client({ connectionString: world.database.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        'INSERT INTO platform_operators (id, email, name, password_hash, disabled_at) VALUES ($1, $2, $3, $4, $5)',
        [
          id,
          email,
          `Operator ${email}`,
          await hashPassword(GOOD_PASSWORD),
          options.disabled ? new Date() : null,
        ],
      );
    } finally {
      await owner.end();
    }
    return id;
  }

  beforeAll(async () => {
    world = await createAuthTestWorld();
    platform = createPlatformClient({ connectionString: world.database.platformUrl });
    olive = await addOperator('olive@eventora.test');
  });
  afterAll(async () => {
    await platform?.$disconnect();
    await world?.close();
  });

  const attempt = (input: { email: string; password: string; ip: string | null }, options = {}) =>
    platformSignIn(platform, input, options).catch((error: unknown) => {
      if (error instanceof AuthError) return error;
      throw error;
    });

  it('an operator signs in with a platform session; the database holds only the token’s hash', async () => {
    const result = await platformSignIn(platform, {
      email: ' Olive@Eventora.test',
      password: GOOD_PASSWORD,
      ip: '192.0.2.10',
    });
    expect(result.operator).toEqual({
      id: olive,
      email: 'olive@eventora.test',
      name: 'Operator olive@eventora.test',
    });
    expect(result.session.id).toBe(hashSecretToken(result.token));
    const owner = new pg.Client({ connectionString: world.database.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query('SELECT * FROM platform_sessions');
    await owner.end();
    expect(JSON.stringify(rows)).not.toContain(result.token);
    expect((await validatePlatformSessionToken(platform, result.token))?.operator.id).toBe(olive);
  });

  it('platform sessions are not accepted as clinic sessions, and clinic sessions not as platform ones', async () => {
    const operator = await platformSignIn(platform, {
      email: 'olive@eventora.test',
      password: GOOD_PASSWORD,
      ip: null,
    });
    expect(await world.atA((db) => validateSessionToken(db, operator.token))).toBeNull();

    const user = await world.addUser(world.a, 'olive@eventora.test');
    const clinic = await world.atA((db) => createSession(db, { userId: user }));
    expect(await validatePlatformSessionToken(platform, clinic.token)).toBeNull();
    // A clinic user with an operator's email is still only a clinic user.
    const asClinicUser = await world.atA((db) =>
      signIn(db, { email: 'olive@eventora.test', password: GOOD_PASSWORD, ip: null }),
    );
    expect(await validatePlatformSessionToken(platform, asClinicUser.token)).toBeNull();

    // And the cookies do not mix: each reader only reads its own cookie.
    const clinicCookie = sessionCookie(clinic.token, clinic.session.expiresAt, {
      secure: true,
    }).split(';')[0]!;
    expect(readPlatformSessionToken({ cookieHeader: clinicCookie })).toBeNull();
    expect(
      readSessionToken({ cookieHeader: `eventora_platform_session=${operator.token}` }),
    ).toBeNull();
  });

  it('a wrong password and an unknown operator answer the same, and 5 failures lock the account', async () => {
    const clock = freshClock();
    const wrong = await attempt(
      { email: 'olive@eventora.test', password: 'wrong-password-x', ip: null },
      clock(),
    );
    const unknown = await attempt(
      { email: 'nobody@eventora.test', password: 'wrong-password-x', ip: null },
      clock(),
    );
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(unknown).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: (wrong as AuthError).message,
    });
    for (let i = 0; i < 4; i++)
      await attempt(
        { email: 'olive@eventora.test', password: 'wrong-password-x', ip: null },
        clock(),
      );
    expect(
      await attempt({ email: 'olive@eventora.test', password: GOOD_PASSWORD, ip: null }, clock()),
    ).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      retryAfterSeconds: 15 * 60,
    });
    expect(
      await attempt(
        { email: 'olive@eventora.test', password: GOOD_PASSWORD, ip: null },
        clock(16 * MINUTE_MS),
      ),
    ).toMatchObject({
      operator: { id: olive },
    });
  });

  it('a disabled operator cannot sign in, and their sessions stop working', async () => {
    const id = await addOperator('pete@eventora.test');
    const { token } = await createPlatformSession(platform, { operatorId: id });
    const owner = new pg.Client({ connectionString: world.database.ownerUrl });
    await owner.connect();
    await owner.query('UPDATE platform_operators SET disabled_at = now() WHERE id = $1', [id]);
    await owner.end();
    expect(await validatePlatformSessionToken(platform, token)).toBeNull();
    expect(
      await attempt({ email: 'pete@eventora.test', password: GOOD_PASSWORD, ip: null }),
    ).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('platform sessions idle out after 8 hours, slide when used, and never outlive 24 hours', async () => {
    const clock = freshClock();
    const { token, session } = await createPlatformSession(
      platform,
      { operatorId: olive },
      clock(),
    );
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(
      PLATFORM_SESSION_LIFETIME_MS,
    );
    const idle = await createPlatformSession(platform, { operatorId: olive }, clock());
    expect(await validatePlatformSessionToken(platform, idle.token, clock(8 * HOUR_MS))).toBeNull();

    // Used every 5 hours, it keeps sliding until the 24-hour cap.
    for (const hour of [5, 10, 15, 20]) {
      expect(
        await validatePlatformSessionToken(platform, token, clock(hour * HOUR_MS)),
      ).not.toBeNull();
    }
    const last = await validatePlatformSessionToken(platform, token, clock(23 * HOUR_MS));
    expect(last?.session.expiresAt.getTime()).toBe(clock().clock().getTime() + 24 * HOUR_MS);
    expect(await validatePlatformSessionToken(platform, token, clock(24 * HOUR_MS))).toBeNull();
  });

  it('signing out ends the platform session', async () => {
    const { token, session } = await createPlatformSession(platform, { operatorId: olive });
    await invalidatePlatformSession(platform, session.id);
    expect(await validatePlatformSessionToken(platform, token)).toBeNull();
  });

  it('the console’s role cannot read clinic data through the platform client', async () => {
    await expect(platform.user.findMany()).rejects.toThrow(/permission denied/i);
    await expect(platform.session.findMany()).rejects.toThrow(/permission denied/i);
  });
});
