import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MINUTE_MS } from '../clock';
import { AuthError, isAuthError } from '../errors';
import { validateSessionToken } from '../sessions/sessions';
import { createAuthTestWorld, GOOD_PASSWORD, type AuthTestWorld } from '../testing/auth-test-world';
import { signIn, type SignInInput, type SignInOptions } from './sign-in';
import { DEFAULT_SIGN_IN_THROTTLE, pruneSignInAttempts } from './throttle';

const run = promisify(execFile);

describe('signing in at a clinic', () => {
  let world: AuthTestWorld;
  let t = new Date('2031-05-01T09:00:00Z').getTime();
  /** A fresh instant per test, far from the previous one, so windows never overlap by accident. */
  const freshClock = () => {
    t += 24 * 60 * MINUTE_MS;
    const base = t;
    return (plusMs = 0) => ({ clock: () => new Date(base + plusMs) });
  };

  beforeAll(async () => {
    world = await createAuthTestWorld({ b: 'schema' });
  });
  afterAll(async () => world?.close());

  /** The progressive delays attempts waited out (recorded, not slept). */
  let slept: number[] = [];
  const attemptA = (input: SignInInput, options: SignInOptions) =>
    world
      .atA((db) => signIn(db, input, { sleep: async (ms) => void slept.push(ms), ...options }))
      .catch((error: unknown) => {
        if (error instanceof AuthError) return error;
        throw error;
      });
  const codeOf = (result: unknown) => (isAuthError(result) ? result.code : 'SIGNED_IN');

  it('signs in with the right password, email trimmed and in any case, with a new session each time', async () => {
    const clock = freshClock();
    const id = await world.addUser(world.a, 'dana@alpha.test', { role: 'STAFF' });
    const first = await world.atA((db) =>
      signIn(
        db,
        {
          email: '  Dana@Alpha.TEST ',
          password: GOOD_PASSWORD,
          ip: '198.51.100.1',
          userAgent: 'ua',
        },
        clock(),
      ),
    );
    const second = await world.atA((db) =>
      signIn(
        db,
        { email: 'dana@alpha.test', password: GOOD_PASSWORD, ip: '198.51.100.1' },
        clock(),
      ),
    );
    expect(first.user).toMatchObject({ id, role: 'STAFF', email: 'dana@alpha.test' });
    expect(first.token).not.toBe(second.token);
    expect(first.session.ip).toBe('198.51.100.1');
    expect((await world.atA((db) => validateSessionToken(db, first.token, clock())))?.user.id).toBe(
      id,
    );
    expect(
      (await world.atA((db) => validateSessionToken(db, second.token, clock())))?.user.id,
    ).toBe(id);
  });

  it('an unknown email and a wrong password get the same answer, after comparable work', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'erin@alpha.test');
    // Limits out of the way: this test is about the answer and its cost, not the lockout.
    const loose = {
      ...clock(),
      throttle: {
        pair: { limit: 1000, windowMs: 1, lockMs: 1 },
        ip: { limit: 1000, windowMs: 1, lockMs: 1 },
        account: { freeFailures: 1000, windowMs: 1, baseDelayMs: 0, maxDelayMs: 0 },
      },
    };
    const time = async (input: SignInInput) => {
      const started = performance.now();
      const result = await attemptA(input, loose);
      return { result, ms: performance.now() - started };
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let round = 0; round < 6; round++) {
      const a = await time({
        email: `nobody${round}@alpha.test`,
        password: 'not-the-password-1',
        ip: '198.51.100.2',
      });
      const b = await time({
        email: 'erin@alpha.test',
        password: 'not-the-password-1',
        ip: '198.51.100.2',
      });
      for (const { result } of [a, b]) {
        expect(result).toBeInstanceOf(AuthError);
        expect(result).toMatchObject({
          code: 'INVALID_CREDENTIALS',
          message: 'The email or password is incorrect.',
        });
      }
      unknown.push(a.ms);
      wrong.push(b.ms);
    }
    const median = (values: number[]) =>
      [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    // Both paths run one Argon2id verification (tens of ms); skipping it would make the unknown
    // email several times faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.6);
    expect(median(unknown)).toBeGreaterThan(10);
  });

  it('an account with no password, a disabled account and a malformed email are refused like a wrong password', async () => {
    const clock = freshClock();
    const frank = await world.addUser(world.a, 'frank@alpha.test');
    await world.atA((db) =>
      db.user.updateMany({ where: { id: frank }, data: { disabledAt: new Date() } }),
    );
    const cases: SignInInput[] = [
      { email: 'client@alpha.test', password: GOOD_PASSWORD, ip: null }, // fixture user without a password
      { email: 'frank@alpha.test', password: GOOD_PASSWORD, ip: null }, // right password, disabled
      { email: 'not an email', password: GOOD_PASSWORD, ip: null },
      { email: 'frank@alpha.test', password: 'x'.repeat(10_000), ip: null },
    ];
    for (const input of cases) {
      expect(codeOf(await attemptA(input, clock()))).toBe('INVALID_CREDENTIALS');
    }
  });

  // Issue 11, item 3 (failed on main: 5 bad passwords locked the account everywhere for 15
  // minutes, its owner with the right password included).
  it('locks one account at one address after 5 failures, even for the right password; its owner elsewhere gets in after a delay', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'gina@alpha.test');
    const wrong = { email: 'gina@alpha.test', password: 'wrong-password-x', ip: '192.0.2.10' };
    slept = [];
    for (let i = 0; i < 5; i++)
      expect(codeOf(await attemptA(wrong, clock(i * MINUTE_MS)))).toBe('INVALID_CREDENTIALS');
    expect(slept).toEqual([]);

    const locked = await attemptA({ ...wrong, password: GOOD_PASSWORD }, clock(5 * MINUTE_MS));
    expect(locked).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    // Locked at the 5th failure (minute 4) for 15 minutes: 14 minutes to go.
    expect((locked as AuthError).retryAfterSeconds).toBe(14 * 60);
    // The owner at another address is not locked out: slowed down, then signed in.
    const owner = await attemptA(
      { ...wrong, password: GOOD_PASSWORD, ip: '198.51.100.99' },
      clock(6 * MINUTE_MS),
    );
    expect(codeOf(owner)).toBe('SIGNED_IN');
    expect(slept).toEqual([1_000]);
    // The attacker's address stays locked until its lock ends.
    expect(codeOf(await attemptA(wrong, clock(7 * MINUTE_MS)))).toBe('TOO_MANY_ATTEMPTS');
    expect(
      codeOf(await attemptA({ ...wrong, password: GOOD_PASSWORD }, clock(19 * MINUTE_MS))),
    ).toBe('SIGNED_IN');
  });

  it('an account failing from many addresses waits longer each time, up to a ceiling, and is never locked', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'lena@alpha.test');
    slept = [];
    for (let i = 0; i < 12; i++) {
      const answer = await attemptA(
        { email: 'lena@alpha.test', password: 'wrong-password-x', ip: `192.0.2.${100 + i}` },
        clock(i * 1_000),
      );
      expect(codeOf(answer)).toBe('INVALID_CREDENTIALS');
    }
    expect(slept).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(
      codeOf(
        await attemptA(
          { email: 'lena@alpha.test', password: GOOD_PASSWORD, ip: '192.0.2.200' },
          clock(13_000),
        ),
      ),
    ).toBe('SIGNED_IN');
  });

  it('an unknown email is locked exactly like a known one', async () => {
    const clock = freshClock();
    const ghost = { email: 'ghost@alpha.test', password: 'wrong-password-x', ip: null };
    for (let i = 0; i < 5; i++)
      expect(codeOf(await attemptA(ghost, clock()))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attemptA(ghost, clock()))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a successful sign-in clears the account’s failures but not the address’s', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'hugo@alpha.test');
    const ip = '203.0.113.50';
    for (let i = 0; i < 4; i++)
      await attemptA({ email: 'hugo@alpha.test', password: 'wrong-password-x', ip }, clock());
    expect(
      codeOf(await attemptA({ email: 'hugo@alpha.test', password: GOOD_PASSWORD, ip }, clock())),
    ).toBe('SIGNED_IN');
    // Four more failures would have locked the account had the counter not been cleared.
    for (let i = 0; i < 4; i++)
      await attemptA({ email: 'hugo@alpha.test', password: 'wrong-password-x', ip }, clock());
    expect(
      codeOf(await attemptA({ email: 'hugo@alpha.test', password: GOOD_PASSWORD, ip }, clock())),
    ).toBe('SIGNED_IN');

    const rows = await world.ownerRows<{ key: string; attempts: number }>(
      world.a.clinic.id,
      'SELECT key, attempts FROM sign_in_attempts WHERE key = ANY($1) ORDER BY key',
      [['account:hugo@alpha.test', `ip:${ip}`]],
    );
    expect(rows).toEqual([{ key: `ip:${ip}`, attempts: 8 }]);
  });

  it('locks an address after 20 failures across accounts; other addresses still sign in', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'ivan@alpha.test');
    const ip = '2001:db8:1234:5678::1';
    for (let i = 0; i < 20; i++) {
      const result = await attemptA(
        { email: `spray${i}@alpha.test`, password: 'Summer2031!', ip },
        clock(),
      );
      expect(codeOf(result)).toBe('INVALID_CREDENTIALS');
    }
    expect(
      codeOf(await attemptA({ email: 'ivan@alpha.test', password: GOOD_PASSWORD, ip }, clock())),
    ).toBe('TOO_MANY_ATTEMPTS');
    // Another address in the same IPv6 /64 is the same subscriber.
    const sameBlock = {
      email: 'ivan@alpha.test',
      password: GOOD_PASSWORD,
      ip: '2001:db8:1234:5678:ffff::2',
    };
    expect(codeOf(await attemptA(sameBlock, clock()))).toBe('TOO_MANY_ATTEMPTS');
    expect(
      codeOf(
        await attemptA(
          { email: 'ivan@alpha.test', password: GOOD_PASSWORD, ip: '2001:db8:9999::1' },
          clock(),
        ),
      ),
    ).toBe('SIGNED_IN');
  });

  it('20 concurrent failures from one address count as exactly 20, and the 21st attempt is locked out', async () => {
    const clock = freshClock();
    const ip = '198.51.100.20';
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attemptA({ email: `burst${i}@alpha.test`, password: 'wrong-password-x', ip }, clock()),
      ),
    );
    expect(results.map(codeOf)).toEqual(Array(20).fill('INVALID_CREDENTIALS'));
    const [row] = await world.ownerRows<{ attempts: number }>(
      world.a.clinic.id,
      'SELECT attempts FROM sign_in_attempts WHERE key = $1',
      [`ip:${ip}`],
    );
    expect(row?.attempts).toBe(20);
    expect(
      codeOf(
        await attemptA({ email: 'burst0@alpha.test', password: 'wrong-password-x', ip }, clock()),
      ),
    ).toBe('TOO_MANY_ATTEMPTS');
  });

  it('20 concurrent failures on one account: every failure answered as such is counted', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'jade@alpha.test');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        attemptA({ email: 'jade@alpha.test', password: 'wrong-password-x', ip: null }, clock()),
      ),
    );
    const failures = results.filter((result) => codeOf(result) === 'INVALID_CREDENTIALS').length;
    expect(failures).toBeGreaterThanOrEqual(DEFAULT_SIGN_IN_THROTTLE.pair.limit);
    expect(
      results.every((result) =>
        ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS'].includes(codeOf(result)),
      ),
    ).toBe(true);
    const [row] = await world.ownerRows<{ attempts: number }>(
      world.a.clinic.id,
      'SELECT attempts FROM sign_in_attempts WHERE key = $1',
      ['account:jade@alpha.test'],
    );
    expect(row?.attempts).toBe(failures);
    expect(
      codeOf(
        await attemptA({ email: 'jade@alpha.test', password: GOOD_PASSWORD, ip: null }, clock()),
      ),
    ).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a lockout survives a new process: the state is in the database, not in memory', async () => {
    // Real time here: the other process reads the system clock.
    const email = `restart-${Date.now()}@alpha.test`;
    await world.addUser(world.a, email);
    for (let i = 0; i < 5; i++) {
      expect(
        codeOf(await attemptA({ email, password: 'wrong-password-x', ip: '192.0.2.1' }, {})),
      ).toBe('INVALID_CREDENTIALS');
    }
    const child = fileURLToPath(new URL('../testing/sign-in-child.ts', import.meta.url));
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', child, world.database.appUrl, 'alpha', email, GOOD_PASSWORD, '192.0.2.1'],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      },
    );
    const outcome = JSON.parse(stdout) as { code?: string; retryAfterSeconds?: number };
    expect(outcome.code).toBe('TOO_MANY_ATTEMPTS');
    expect(outcome.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it('failures at clinic A do not lock the same email at clinic B (a clinic in its own schema)', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'kim@shared.test');
    await world.addUser(world.b, 'kim@shared.test');
    for (let i = 0; i < 5; i++)
      await attemptA(
        { email: 'kim@shared.test', password: 'wrong-password-x', ip: '192.0.2.7' },
        clock(),
      );
    expect(
      codeOf(
        await attemptA(
          { email: 'kim@shared.test', password: GOOD_PASSWORD, ip: '192.0.2.7' },
          clock(),
        ),
      ),
    ).toBe('TOO_MANY_ATTEMPTS');

    const atB = await world.atB((db) =>
      signIn(db, { email: 'kim@shared.test', password: GOOD_PASSWORD, ip: '192.0.2.7' }, clock()),
    );
    expect(atB.user.clinicId).toBe(world.b.clinic.id);
    // And B, in schema mode, keeps its own counters in its own schema.
    for (let i = 0; i < 5; i++) {
      await world
        .atB((db) =>
          signIn(db, { email: 'kim@shared.test', password: 'wrong-password-x', ip: null }, clock()),
        )
        .catch(() => undefined);
    }
    const lockedAtB = await world
      .atB((db) =>
        signIn(db, { email: 'kim@shared.test', password: GOOD_PASSWORD, ip: null }, clock()),
      )
      .catch((error: unknown) => error);
    expect(codeOf(lockedAtB)).toBe('TOO_MANY_ATTEMPTS');
    const inSchema = await world.ownerRows<{ n: number }>(
      world.b.clinic.id,
      `SELECT count(*)::int AS n FROM ${world.b.clinic.schemaName}.sign_in_attempts WHERE key = 'account:kim@shared.test'`,
    );
    expect(inSchema).toEqual([{ n: 1 }]);
  });

  it('a window that has passed starts over', async () => {
    const clock = freshClock();
    const lena = { email: 'lena@alpha.test', password: 'wrong-password-x', ip: null };
    for (let i = 0; i < 4; i++) await attemptA(lena, clock());
    // 16 minutes later the four old failures no longer count.
    for (let i = 0; i < 4; i++)
      expect(codeOf(await attemptA(lena, clock(16 * MINUTE_MS)))).toBe('INVALID_CREDENTIALS');
    // The fifth failure of the new window locks.
    expect(codeOf(await attemptA(lena, clock(17 * MINUTE_MS)))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attemptA(lena, clock(18 * MINUTE_MS)))).toBe('TOO_MANY_ATTEMPTS');
  });
});

describe('pruning sign-in counters', () => {
  let world: AuthTestWorld;
  beforeAll(async () => {
    world = await createAuthTestWorld();
  });
  afterAll(async () => world?.close());

  it('drops counters from more than a day ago and keeps recent ones and locks still in force', async () => {
    const day0 = new Date('2031-06-01T00:00:00Z');
    const wrong = (email: string, at: Date) =>
      world
        .atA((db) =>
          signIn(db, { email, password: 'wrong-password-x', ip: null }, { clock: () => at }),
        )
        .catch(() => undefined);
    await wrong('old@alpha.test', day0);
    const later = new Date(day0.getTime() + 30 * 60 * MINUTE_MS);
    await wrong('recent@alpha.test', later);
    // A lock far longer than a day, still in force.
    const longLock = {
      ...DEFAULT_SIGN_IN_THROTTLE,
      pair: { limit: 1, windowMs: MINUTE_MS, lockMs: 40 * 60 * MINUTE_MS },
    };
    await world
      .atA((db) =>
        signIn(
          db,
          { email: 'locked@alpha.test', password: 'x', ip: null },
          { clock: () => day0, throttle: longLock },
        ),
      )
      .catch(() => undefined);

    const pruned = await world.atA((db) => pruneSignInAttempts(db, { now: later }));
    // old's two counters and locked's account counter; locked's pair lock is still in force.
    expect(pruned).toBe(3);
    const keys = await world.ownerRows<{ key: string }>(
      world.a.clinic.id,
      'SELECT key FROM sign_in_attempts ORDER BY key',
    );
    expect(keys.map((row) => row.key)).toEqual([
      'account:locked@alpha.test|ip:unknown',
      'account:recent@alpha.test',
      'account:recent@alpha.test|ip:unknown',
      'ip:unknown',
    ]);
  });
});
