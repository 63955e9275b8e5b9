import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AuthError } from '../errors';
import { verifyPassword } from '../password';
import { validateSessionToken } from '../sessions/sessions';
import { createAuthTestWorld, GOOD_PASSWORD, type AuthTestWorld } from '../testing/auth-test-world';
import { signIn } from './sign-in';
import { signUp, type SignUpInput } from './sign-up';

describe('client sign-up', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await createAuthTestWorld();
  });
  afterAll(async () => world?.close());

  const signUpAtA = (input: SignUpInput) =>
    world
      .atA((db) => signUp(db, input))
      .catch((error: unknown) => {
        if (error instanceof AuthError) return error;
        throw error;
      });

  it('a new client gets role CLIENT, a hashed password and a session, and can sign in again', async () => {
    const result = await world.atA((db) =>
      signUp(db, {
        email: ' Mia@Example.COM ',
        name: '  Mia Ruiz ',
        password: GOOD_PASSWORD,
        ip: '198.51.100.9',
      }),
    );
    expect(result.user).toMatchObject({
      email: 'mia@example.com',
      name: 'Mia Ruiz',
      role: 'CLIENT',
      clinicId: world.a.clinic.id,
    });
    const [row] = await world.ownerRows<{ password_hash: string }>(
      world.a.clinic.id,
      'SELECT password_hash FROM users WHERE id = $1',
      [result.user.id],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.password_hash, GOOD_PASSWORD)).toBe(true);
    expect((await world.atA((db) => validateSessionToken(db, result.token)))?.user.id).toBe(
      result.user.id,
    );

    const again = await world.atA((db) =>
      signIn(db, { email: 'mia@example.com', password: GOOD_PASSWORD, ip: null }),
    );
    expect(again.user.id).toBe(result.user.id);
  });

  it('a taken email gets a neutral EMAIL_TAKEN and the existing account is untouched', async () => {
    const owner = await world.addUser(world.a, 'owner@alpha.test', { role: 'OWNER' });
    const before = await world.ownerRows(world.a.clinic.id, 'SELECT * FROM users WHERE id = $1', [
      owner,
    ]);
    const refused = await signUpAtA({
      email: 'OWNER@alpha.test',
      name: 'Mallory',
      password: 'quiet-orbit-harbor-9',
    });
    expect(refused).toMatchObject({ code: 'EMAIL_TAKEN' });
    expect((refused as AuthError).message).not.toMatch(/exists|already registered|taken/i);
    expect(
      await world.ownerRows(world.a.clinic.id, 'SELECT * FROM users WHERE id = $1', [owner]),
    ).toEqual(before);
    // The owner's password still works; Mallory's does not.
    await expect(
      world.atA((db) =>
        signIn(db, { email: 'owner@alpha.test', password: 'quiet-orbit-harbor-9', ip: null }),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('probing emails through sign-up is throttled per address like sign-in', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 20; i++) {
      const result = await signUpAtA({
        email: 'client@alpha.test',
        name: 'Probe',
        password: GOOD_PASSWORD,
        ip,
      });
      expect(result).toMatchObject({ code: 'EMAIL_TAKEN' });
    }
    expect(
      await signUpAtA({
        email: 'fresh-probe@alpha.test',
        name: 'Probe',
        password: GOOD_PASSWORD,
        ip,
      }),
    ).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });

  it('weak and common passwords are refused with field-level reasons, and no account is created', async () => {
    const cases: [string, string][] = [
      ['short1', 'TOO_SHORT'],
      ['password123', 'TOO_COMMON'],
      ['Qwertyuiop!', 'TOO_COMMON'],
      ['x'.repeat(129), 'TOO_LONG'],
      ['noah.weak.password', 'CONTAINS_PERSONAL_INFO'],
    ];
    for (const [password, code] of cases) {
      const refused = await signUpAtA({ email: 'noah.weak@alpha.test', name: 'Noah', password });
      expect(refused).toMatchObject({ code: 'WEAK_PASSWORD' });
      expect((refused as AuthError).issues).toContainEqual(
        expect.objectContaining({ field: 'password', code }),
      );
    }
    expect(
      await world.ownerRows(
        world.a.clinic.id,
        "SELECT id FROM users WHERE email = 'noah.weak@alpha.test'",
      ),
    ).toEqual([]);
  });

  it('a malformed email or an empty name is refused with the field named', async () => {
    const badEmail = await signUpAtA({
      email: 'not-an-email',
      name: 'Olga',
      password: GOOD_PASSWORD,
    });
    expect(badEmail).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [expect.objectContaining({ field: 'email' })],
    });
    const noName = await signUpAtA({
      email: 'olga@alpha.test',
      name: '   ',
      password: GOOD_PASSWORD,
    });
    expect(noName).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [expect.objectContaining({ field: 'name' })],
    });
  });

  it('the same email signs up at two clinics as two separate users', async () => {
    const atA = await world.atA((db) =>
      signUp(db, { email: 'pat@both.test', name: 'Pat', password: GOOD_PASSWORD }),
    );
    const atB = await world.atB((db) =>
      signUp(db, { email: 'pat@both.test', name: 'Pat', password: 'another-secret-phrase-7' }),
    );
    expect(atA.user.id).not.toBe(atB.user.id);
    expect(atB.user.clinicId).toBe(world.b.clinic.id);
    await expect(
      world.atB((db) => signIn(db, { email: 'pat@both.test', password: GOOD_PASSWORD, ip: null })),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });
});
