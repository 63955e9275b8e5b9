import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { expect, test } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';
import { runEnv } from '../../src/run-env';
import { operatorApi } from '../ui/console-helpers';

/*
 * Issue 11, item 2, over HTTP against the production build (failed on main: the address was
 * the leftmost X-Forwarded-For entry, so rotating it escaped the per-address limit, and its
 * text landed in the audit log).
 */
test('a client-written X-Forwarded-For neither escapes the per-address limit nor reaches the log', async () => {
  test.setTimeout(120_000);
  // A clinic of this test's own: it locks this machine's address there, nowhere else.
  const slug = `e2e-${randomBytes(3).toString('hex')}`;
  const { api, cookie } = await operatorApi();
  const created = await api.mutation<{ id: string }>(
    'admin.clinic.create',
    {
      slug,
      name: 'E2E Address Clinic',
      mode: 'shared',
      ownerEmail: `owner@${slug}.test`,
      ownerName: 'Ada Owner',
    },
    cookie,
  );
  expect(created.error?.message ?? 'created').toBe('created');
  const portal = await TrpcHttp.portal(slug);

  const signedUp = await portal.mutation(
    'auth.signUp',
    {
      email: `new@${slug}.test`,
      name: 'New Client',
      password: 'a long unusual passphrase',
      acceptedNoticeVersion: 1, // a new clinic's first notice
    },
    { 'x-forwarded-for': "<script>alert('x')</script>", 'x-real-ip': '203.0.113.200' },
  );
  expect(signedUp.status).toBe(200);

  // 20 failures, each with another forged address: they all count against the real one.
  for (let i = 0; i < 20; i++) {
    const failed = await portal.mutation(
      'auth.signIn',
      { email: `spray${i}@${slug}.test`, password: 'Winter2031!!' },
      { 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` },
    );
    expect(failed.error?.code).toBe('UNAUTHORIZED');
  }
  const locked = await portal.mutation(
    'auth.signIn',
    { email: `new@${slug}.test`, password: 'a long unusual passphrase' },
    { 'x-forwarded-for': '192.0.2.250' },
  );
  expect(locked.error?.code).toBe('TOO_MANY_REQUESTS');

  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ ip: string | null }>(
      `SELECT ip FROM audit_logs WHERE clinic_id = $1 AND action = 'auth.sign_up'`,
      [created.data!.id],
    );
    expect(rows).toEqual([{ ip: '127.0.0.1' }]);
  } finally {
    await client.end();
  }
  await portal.dispose();
  await api.dispose();
});
