import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@eventora/observability/testing';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { addPackages, addSchedule, MADRID_DAILY } from '../testing/booking-test-setup';

const NOW = new Date('2026-03-16T08:00:00Z');

describe('request logs', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    kit.setNow(NOW);
    logs = captureLogs('web');
    kit.services.logger = logs.logger;
  });
  afterAll(() => kit?.close());

  it('a client signs up, signs in, resets a password and books: one line per call, and no password, token, email or name in any of them', async () => {
    const email = 'mara.quintero@alpha.test';
    const name = 'Mara Quintero';
    const password = 'a long unusual passphrase';
    const newPassword = 'another long passphrase';

    const signedUp = await kit.http('alpha', 'auth.signUp', {
      email,
      name,
      password,
      acceptedNoticeVersion: 1,
    });
    expect(signedUp.status).toBe(200);
    const signIn = await kit.http('alpha', 'auth.signIn', { email, password, bearer: true });
    const sessionToken = (signIn.body.result?.data.json as { token: string }).token;
    await kit.http('alpha', 'auth.requestPasswordReset', { email });
    // The token and its mail are made after the answer.
    const resetToken = await vi.waitFor(
      () => kit.mail.find((message) => message.to === email)!.token,
    );
    expect(
      (await kit.http('alpha', 'auth.resetPassword', { token: resetToken, newPassword })).status,
    ).toBe(200);
    const again = await kit.http('alpha', 'auth.signIn', {
      email,
      password: newPassword,
      bearer: true,
    });
    const token = (again.body.result?.data.json as { token: string; user: { id: string } }).token;
    const userId = (again.body.result?.data.json as { user: { id: string } }).user.id;

    const { branchId, therapistId } = await addSchedule(alpha, MADRID_DAILY);
    await addPackages(alpha, userId, [{ credits: 2, expiresAt: new Date('2026-12-01T00:00:00Z') }]);
    const booked = await kit.http(
      'alpha',
      'reservation.create',
      { therapistId, branchId, startsAt: '2026-03-30T09:00:00+02:00' },
      { token },
    );
    expect(booked.status).toBe(200);
    // A failing call is logged with its error code.
    const refused = await kit.http('alpha', 'auth.me', {}, { query: true });
    expect(refused.status).toBe(401);

    const text = logs.text();
    for (const secret of [password, newPassword, resetToken, sessionToken, token, email, name]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('Quintero');

    const calls = logs.lines().filter((line) => line.msg === 'call');
    expect(calls.map((line) => line.procedure)).toEqual([
      'auth.signUp',
      'auth.signIn',
      'auth.requestPasswordReset',
      'auth.resetPassword',
      'auth.signIn',
      'reservation.create',
      'auth.me',
    ]);
    const booking = calls.find((line) => line.procedure === 'reservation.create')!;
    expect(booking).toMatchObject({
      level: 'info',
      service: 'web',
      requestId: booked.headers.get('x-request-id'),
      clinicId: alpha.clinic.id,
      clinicSlug: 'alpha',
      clinicMode: 'shared',
      userId,
      type: 'mutation',
      outcome: 'ok',
    });
    expect(booking.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(booking.durationMs).toBeGreaterThan(0);
    expect(calls.at(-1)).toMatchObject({ outcome: 'error', errorCode: 'UNAUTHORIZED' });
    // Each request has its own id.
    expect(new Set(calls.map((line) => line.requestId)).size).toBe(calls.length);
  });

  it('a traceparent names the request only when the proxy in front is trusted to set it', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const untrusted = await kit.http(
      'alpha',
      'portal.clinic',
      {},
      { query: true, headers: { traceparent } },
    );
    expect(untrusted.headers.get('x-request-id')).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');

    kit.services.trustTraceparent = true;
    try {
      const trusted = await kit.http(
        'alpha',
        'portal.clinic',
        {},
        { query: true, headers: { traceparent } },
      );
      expect(trusted.headers.get('x-request-id')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      const malformed = await kit.http(
        'alpha',
        'portal.clinic',
        {},
        {
          query: true,
          headers: { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
        },
      );
      expect(malformed.headers.get('x-request-id')).toMatch(/^(?!0+$)[0-9a-f]{32}$/);
    } finally {
      kit.services.trustTraceparent = false;
    }
  });
});
