import type { TenantClient } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { addMs, HOUR_MS, MINUTE_MS } from '../clock';
import { AuthError } from '../errors';
import { createSession, validateSessionToken } from '../sessions/sessions';
import { signIn } from '../sign-in/sign-in';
import { createAuthTestWorld, GOOD_PASSWORD, type AuthTestWorld } from '../testing/auth-test-world';
import { hashSecretToken } from '../tokens/secret-token';
import type { PasswordResetMailer, PasswordResetMessage } from './mailer';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';

const NEW_PASSWORD = 'violet-canyon-ember-88';

describe('password reset', () => {
  let world: AuthTestWorld;
  let t = new Date('2031-07-01T08:00:00Z').getTime();
  const freshClock = () => {
    t += 24 * HOUR_MS;
    const base = t;
    return (plusMs = 0) => ({ clock: () => new Date(base + plusMs) });
  };

  /** A mailer that keeps what it was asked to send. */
  function outbox() {
    const sent: PasswordResetMessage[] = [];
    const mailer: PasswordResetMailer = {
      async sendPasswordReset(message) {
        sent.push(message);
      },
    };
    return { sent, mailer };
  }

  beforeAll(async () => {
    world = await createAuthTestWorld();
  });
  afterAll(async () => world?.close());

  /** Requests a reset and waits for the work that runs after the answer (token, mail). */
  const requestAtA = async (email: string, mailer: PasswordResetMailer, clock = freshClock()()) => {
    const later: Promise<void>[] = [];
    const answer = await world.atA((db) =>
      requestPasswordReset(
        db,
        { email },
        { mailer, ...clock, afterAnswer: (work) => void later.push(work()) },
      ),
    );
    await Promise.all(later);
    return answer;
  };
  const resetAtA = (token: string, newPassword: string, clock = freshClock()()) =>
    world
      .atA((db) => resetPassword(db, { token, newPassword }, clock))
      .catch((error: unknown) => {
        if (error instanceof AuthError) return error;
        throw error;
      });

  it('known and unknown emails get the same answer; only a known one gets mail, with a token stored only as its hash', async () => {
    await world.addUser(world.a, 'quinn@alpha.test');
    const { sent, mailer } = outbox();
    const forKnown = await requestAtA(' Quinn@Alpha.test ', mailer);
    const forUnknown = await requestAtA('nobody@alpha.test', mailer);
    expect(forKnown).toBe(forUnknown);
    expect(forKnown).toBeUndefined();
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message).toMatchObject({ to: 'quinn@alpha.test', clinicSlug: 'alpha' });
    expect(message!.token).toMatch(/^[a-z2-7]{32}$/);

    const rows = await world.ownerRows(world.a.clinic.id, 'SELECT * FROM password_reset_tokens');
    expect(JSON.stringify(rows)).not.toContain(message!.token);
    expect(rows).toContainEqual(
      expect.objectContaining({ token_hash: hashSecretToken(message!.token) }),
    );
  });

  /**
   * Records every database call `work` makes through its tenant client (model operations and
   * raw statements, with the model's name), so two requests' database work can be compared.
   */
  async function callsOf(
    work: (db: TenantClient) => Promise<unknown>,
  ): Promise<{ calls: string[]; answer: unknown }> {
    const calls: string[] = [];
    const answer = await world.atA((db) => {
      const traced = new Proxy(db, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof property !== 'string') return value;
          if (typeof value === 'function') {
            return (...args: unknown[]) => (
              calls.push(property),
              (value as (...a: unknown[]) => unknown).apply(target, args)
            );
          }
          if (
            value &&
            typeof value === 'object' &&
            !property.startsWith('$') &&
            !property.startsWith('_')
          ) {
            return new Proxy(value, {
              get(model, method, modelReceiver) {
                const fn = Reflect.get(model, method, modelReceiver) as unknown;
                if (typeof fn !== 'function' || typeof method !== 'string') return fn;
                return (...args: unknown[]) => (
                  calls.push(`${property}.${method}`),
                  (fn as (...a: unknown[]) => unknown).apply(model, args)
                );
              },
            });
          }
          return value;
        },
      });
      return work(traced);
    });
    // What the answer waited for: calls made after it (the token and mail work) are not its.
    return { calls: [...calls], answer };
  }

  // Issue 11 item 3: on the old main a known email cost a user lookup, then a token
  // transaction and the mail hand-off before the answer, an unknown one only the lookup
  // (measured 7 ms vs 3 ms); this test saw two different call lists there.
  it('a known and an unknown email cost the same database calls before the answer, leave the same throttle count and get the same answer; the mail still goes out', async () => {
    await world.addUser(world.a, 'ulrike@alpha.test');
    const { sent, mailer } = outbox();
    // The work after the answer is held back until both answers are in.
    const later: (() => Promise<void>)[] = [];
    const options = {
      mailer,
      ...freshClock()(),
      afterAnswer: (work: () => Promise<void>) => void later.push(work),
    };
    const known = await callsOf((db) =>
      requestPasswordReset(db, { email: 'ulrike@alpha.test' }, options),
    );
    const unknown = await callsOf((db) =>
      requestPasswordReset(db, { email: 'ulrich@alpha.test' }, options),
    );
    expect(sent).toEqual([]);
    expect(later).toHaveLength(2);
    await world.atA(() => Promise.all(later.map((work) => work())));

    expect(known.answer).toBeUndefined();
    expect(unknown.answer).toBeUndefined();
    expect(known.calls).toEqual(unknown.calls);
    expect(known.calls.length).toBeGreaterThan(0);
    const counts = await world.ownerRows<{ key: string; attempts: number }>(
      world.a.clinic.id,
      "SELECT key, attempts FROM sign_in_attempts WHERE key IN ('reset:ulrike@alpha.test', 'reset:ulrich@alpha.test') ORDER BY key",
    );
    expect(counts.map((row) => row.attempts)).toEqual([1, 1]);
    // The mail still goes out, to the known email only.
    expect(sent.map((message) => message.to)).toEqual(['ulrike@alpha.test']);
    expect(
      await world.ownerRows(
        world.a.clinic.id,
        'SELECT 1 FROM password_reset_tokens WHERE token_hash = $1',
        [hashSecretToken(sent[0]!.token)],
      ),
    ).toHaveLength(1);
  });

  it('a reset token works once: it sets the password, ends every session and lifts the sign-in lock', async () => {
    const clock = freshClock();
    const rosa = await world.addUser(world.a, 'rosa@alpha.test');
    const phone = await world.atA((db) => createSession(db, { userId: rosa }, clock()));
    const laptop = await world.atA((db) => createSession(db, { userId: rosa }, clock()));
    for (let i = 0; i < 5; i++) {
      await world
        .atA((db) =>
          signIn(db, { email: 'rosa@alpha.test', password: 'wrong-password-x', ip: null }, clock()),
        )
        .catch(() => undefined);
    }
    const { sent, mailer } = outbox();
    await requestAtA('rosa@alpha.test', mailer, clock());

    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock(MINUTE_MS))).toEqual({
      userId: rosa,
    });
    expect(
      await world.atA((db) => validateSessionToken(db, phone.token, clock(MINUTE_MS))),
    ).toBeNull();
    expect(
      await world.atA((db) => validateSessionToken(db, laptop.token, clock(MINUTE_MS))),
    ).toBeNull();
    const signedIn = await world.atA((db) =>
      signIn(db, { email: 'rosa@alpha.test', password: NEW_PASSWORD, ip: null }, clock(MINUTE_MS)),
    );
    expect(signedIn.user.id).toBe(rosa);
    await expect(
      world.atA((db) =>
        signIn(
          db,
          { email: 'rosa@alpha.test', password: GOOD_PASSWORD, ip: null },
          clock(MINUTE_MS),
        ),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });

    expect(
      await resetAtA(sent[0]!.token, 'another-good-phrase-5', clock(2 * MINUTE_MS)),
    ).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('a reset token expires after one hour', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'sam@alpha.test');
    const { sent, mailer } = outbox();
    await requestAtA('sam@alpha.test', mailer, clock());
    expect(sent[0]!.expiresAt).toEqual(addMs(clock().clock(), HOUR_MS));
    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock(HOUR_MS))).toMatchObject({
      code: 'INVALID_TOKEN',
    });
    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock(HOUR_MS - 1000))).toEqual({
      userId: expect.any(String),
    });
  });

  it('a newer request revokes the earlier unused tokens', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'tara@alpha.test');
    const { sent, mailer } = outbox();
    await requestAtA('tara@alpha.test', mailer, clock());
    await requestAtA('tara@alpha.test', mailer, clock(MINUTE_MS));
    expect(sent).toHaveLength(2);
    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock(2 * MINUTE_MS))).toMatchObject({
      code: 'INVALID_TOKEN',
    });
    expect(await resetAtA(sent[1]!.token, NEW_PASSWORD, clock(2 * MINUTE_MS))).toEqual({
      userId: expect.any(String),
    });
  });

  it('a weak new password is refused with reasons and the token still works afterwards', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'uma@alpha.test');
    const { sent, mailer } = outbox();
    await requestAtA('uma@alpha.test', mailer, clock());
    const weak = await resetAtA(sent[0]!.token, 'password1', clock());
    expect(weak).toMatchObject({ code: 'WEAK_PASSWORD' });
    expect((weak as AuthError).issues.map((issue) => issue.code)).toEqual([
      'TOO_SHORT',
      'TOO_COMMON',
    ]);
    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock())).toEqual({
      userId: expect.any(String),
    });
  });

  it('a token of clinic A is not valid at clinic B', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'vera@alpha.test');
    const { sent, mailer } = outbox();
    await requestAtA('vera@alpha.test', mailer, clock());
    const atB = await world
      .atB((db) => resetPassword(db, { token: sent[0]!.token, newPassword: NEW_PASSWORD }, clock()))
      .catch((e: unknown) => e);
    expect(atB).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock())).toEqual({
      userId: expect.any(String),
    });
  });

  it('two concurrent resets with one token: exactly one wins', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'wes@alpha.test');
    const { sent, mailer } = outbox();
    await requestAtA('wes@alpha.test', mailer, clock());
    const results = await Promise.all(
      ['first-concurrent-phrase-1', 'second-concurrent-phrase-2', 'third-concurrent-phrase-3'].map(
        (password) => resetAtA(sent[0]!.token, password, clock()),
      ),
    );
    expect(results.filter((result) => !(result instanceof AuthError))).toHaveLength(1);
    expect(
      results.filter((result) => result instanceof AuthError && result.code === 'INVALID_TOKEN'),
    ).toHaveLength(2);
  });

  it('a disabled account gets no mail, and its earlier token stops working', async () => {
    const clock = freshClock();
    const xena = await world.addUser(world.a, 'xena@alpha.test');
    const { sent, mailer } = outbox();
    await requestAtA('xena@alpha.test', mailer, clock());
    await world.atA((db) =>
      db.user.updateMany({ where: { id: xena }, data: { disabledAt: new Date() } }),
    );
    await requestAtA('xena@alpha.test', mailer, clock());
    expect(sent).toHaveLength(1);
    expect(await resetAtA(sent[0]!.token, NEW_PASSWORD, clock())).toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it('at most 3 reset mails per address per hour, counted alike for unknown emails', async () => {
    const clock = freshClock();
    await world.addUser(world.a, 'yuri@alpha.test');
    const { sent, mailer } = outbox();
    for (let i = 0; i < 5; i++) await requestAtA('yuri@alpha.test', mailer, clock(i * MINUTE_MS));
    expect(sent).toHaveLength(3);
    await requestAtA('yuri@alpha.test', mailer, clock(61 * MINUTE_MS));
    expect(sent).toHaveLength(4);
  });

  it('a failing mailer does not change the answer, and its failure is reported', async () => {
    await world.addUser(world.a, 'zoe@alpha.test');
    const errors: unknown[] = [];
    const broken: PasswordResetMailer = {
      async sendPasswordReset() {
        throw new Error('smtp down');
      },
    };
    const answer = await world.atA((db) =>
      requestPasswordReset(
        db,
        { email: 'zoe@alpha.test' },
        { mailer: broken, onMailerError: (error) => errors.push(error) },
      ),
    );
    expect(answer).toBeUndefined();
    // The hand-off is not awaited by the request, so the failure arrives after the answer.
    await vi.waitFor(() => expect(errors).toHaveLength(1));
  });

  it('junk tokens are refused as INVALID_TOKEN', async () => {
    for (const token of ['', 'abc', 'A'.repeat(32), "'; DROP TABLE users; --"]) {
      expect(await resetAtA(token, NEW_PASSWORD)).toMatchObject({ code: 'INVALID_TOKEN' });
    }
  });
});
