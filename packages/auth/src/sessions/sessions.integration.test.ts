import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addMs, DAY_MS } from '../clock';
import { isAuthError } from '../errors';
import { createAuthTestWorld, type AuthTestWorld } from '../testing/auth-test-world';
import { hashSecretToken } from '../tokens/secret-token';
import { changeUserRole } from '../users/change-user-role';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from './sessions';

describe('clinic sessions', () => {
  let world: AuthTestWorld;
  let alice: string;
  let bob: string;
  const t0 = new Date('2031-03-01T12:00:00Z');
  const at = (ms: number) => ({ clock: () => addMs(t0, ms) });

  beforeAll(async () => {
    world = await createAuthTestWorld();
    alice = await world.addUser(world.a, 'alice@alpha.test');
    bob = await world.addUser(world.a, 'bob@alpha.test');
  });
  afterAll(async () => world?.close());

  const start = (userId: string, ms = 0) =>
    world.atA((db) =>
      createSession(db, { userId, ip: '203.0.113.7', userAgent: 'vitest' }, at(ms)),
    );
  const check = (token: string, ms = 0) =>
    world.atA((db) => validateSessionToken(db, token, at(ms)));

  it('the database holds only the SHA-256 of a session token, never the token', async () => {
    const { token, session } = await start(alice);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(hashSecretToken(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const rows = await world.ownerRows<Record<string, unknown>>(
      world.a.clinic.id,
      'SELECT * FROM sessions',
    );
    const dump = JSON.stringify(rows);
    expect(dump).toContain(session.id);
    expect(dump).not.toContain(token);
    expect((await check(token))?.user).toEqual({
      id: alice,
      clinicId: world.a.clinic.id,
      email: 'alice@alpha.test',
      name: 'User alice@alpha.test',
      role: 'CLIENT',
    });
  });

  it('a session of clinic A is not valid at clinic B', async () => {
    const { token } = await start(alice);
    expect(await world.atB((db) => validateSessionToken(db, token, at(0)))).toBeNull();
    // Nor can clinic B end it: it is not there for B.
    const { session } = (await check(token))!;
    await world.atB((db) => invalidateSession(db, session.id));
    expect(await check(token)).not.toBeNull();
  });

  it('a session expires after 30 days and its row is then deleted', async () => {
    const { token, session } = await start(alice);
    expect(session.expiresAt).toEqual(addMs(t0, SESSION_LIFETIME_MS));
    expect(await check(token, SESSION_LIFETIME_MS - 1)).not.toBeNull();

    const late = await start(alice);
    expect(await check(late.token, SESSION_LIFETIME_MS)).toBeNull();
    const left = await world.ownerRows(world.a.clinic.id, 'SELECT id FROM sessions WHERE id = $1', [
      late.session.id,
    ]);
    expect(left).toEqual([]);
  });

  it('a session used with less than 15 days left slides to a full 30 days; with more it is left alone', async () => {
    const { token } = await start(alice);
    const day10 = await check(token, 10 * DAY_MS);
    expect(day10?.session.expiresAt).toEqual(addMs(t0, 30 * DAY_MS));

    const day16 = await check(token, 16 * DAY_MS);
    expect(day16?.session.expiresAt).toEqual(addMs(t0, 46 * DAY_MS));
    // Stored, not just reported: still valid on day 45, when the original expiry is long gone.
    expect(await check(token, 45 * DAY_MS)).not.toBeNull();
  });

  it('signing out ends that session only', async () => {
    const first = await start(alice);
    const second = await start(alice);
    await world.atA((db) => invalidateSession(db, first.session.id));
    expect(await check(first.token)).toBeNull();
    expect(await check(second.token)).not.toBeNull();
  });

  it('signing out everywhere ends every session of the user and nobody else’s', async () => {
    const phone = await start(alice);
    const laptop = await start(alice);
    const other = await start(bob);
    expect(await world.atA((db) => invalidateUserSessions(db, alice))).toBeGreaterThanOrEqual(2);
    expect(await check(phone.token)).toBeNull();
    expect(await check(laptop.token)).toBeNull();
    expect(await check(other.token)).not.toBeNull();
  });

  it('a role change ends every session of that user, who signs in again with the new role', async () => {
    const staff = await world.addUser(world.a, 'promoted@alpha.test');
    const before = await start(staff);
    expect((await check(before.token))?.user.role).toBe('CLIENT');

    expect(await world.atA((db) => changeUserRole(db, { userId: staff, role: 'STAFF' }))).toEqual({
      changed: true,
      sessionsEnded: 1,
    });
    expect(await check(before.token)).toBeNull();
    const after = await start(staff);
    expect((await check(after.token))?.user.role).toBe('STAFF');
    // The same role again is no change and ends nothing.
    expect(await world.atA((db) => changeUserRole(db, { userId: staff, role: 'STAFF' }))).toEqual({
      changed: false,
      sessionsEnded: 0,
    });
    expect(await check(after.token)).not.toBeNull();
  });

  it('a role change of another clinic’s user is refused as unknown', async () => {
    const error = await world
      .atA((db) => changeUserRole(db, { userId: world.b.ids.client, role: 'OWNER' }))
      .catch((caught: unknown) => caught);
    expect(isAuthError(error, 'USER_NOT_FOUND')).toBe(true);
    const roles = await world.ownerRows(world.b.clinic.id, 'SELECT role FROM users WHERE id = $1', [
      world.b.ids.client,
    ]);
    expect(roles).toEqual([{ role: 'CLIENT' }]);
  });

  it('a disabled user’s sessions stop working', async () => {
    const carol = await world.addUser(world.a, 'carol@alpha.test');
    const { token } = await start(carol);
    await world.atA((db) => db.user.updateMany({ where: { id: carol }, data: { disabledAt: t0 } }));
    expect(await check(token)).toBeNull();
  });

  it('junk, truncated and unknown tokens are refused without an error', async () => {
    const { token } = await start(alice);
    for (const candidate of [
      '',
      'x',
      token.slice(0, 31),
      token.toUpperCase(),
      `${token}a`,
      'a'.repeat(32),
      "' OR 1=1 --",
    ]) {
      expect(await check(candidate)).toBeNull();
    }
  });
});
