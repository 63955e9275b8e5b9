import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';
import { unsubscribeToken } from '@eventora/api/jobs';
import pg from 'pg';

import { TrpcHttp } from '../../src/portal-api';
import { MAIL_LINK_SECRET_FOR_E2E, portalOrigin, runEnv } from '../../src/run-env';

async function optedOutAt(
  email: string,
): Promise<{ id: string; clinicId: string; at: Date | null }> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; clinic_id: string; at: Date | null }>(
      `SELECT u.id::text, u.clinic_id::text, u.reminders_opted_out_at AS at
         FROM users u JOIN clinics c ON c.id = u.clinic_id AND c.slug = 'alpha'
        WHERE u.email = $1`,
      [email],
    );
    return { id: rows[0]!.id, clinicId: rows[0]!.clinic_id, at: rows[0]!.at };
  } finally {
    await client.end();
  }
}

test("a reminder's unsubscribe link stops reminders without signing in; at another clinic it changes nothing", async ({
  page,
}) => {
  // A client of our own (a seeded one keeps getting reminders).
  const email = `unsub-${randomBytes(4).toString('hex')}@example.test`;
  const portal = await TrpcHttp.portal('alpha');
  const notice = await portal.query<{ version: number }>('privacy.notice', undefined);
  const signedUp = await portal.mutation('auth.signUp', {
    email,
    name: 'Quiet Client',
    password: 'violet canyon harbour 5521',
    acceptedNoticeVersion: notice.data!.version,
  });
  expect(signedUp.status, signedUp.error?.message).toBe(200);
  await portal.dispose();
  const before = await optedOutAt(email);
  expect(before.at).toBeNull();
  // The link the worker puts in a reminder (same secret, same clinic, same person).
  const token = unsubscribeToken(MAIL_LINK_SECRET_FOR_E2E, before.clinicId, before.id);

  // Presented at beta's address: refused, nothing changes.
  await page.goto(`${portalOrigin('beta')}/unsubscribe?token=${encodeURIComponent(token)}`);
  await page.getByRole('button', { name: 'Stop reminders' }).click();
  await expect(page.getByText('This unsubscribe link is not valid for this clinic.')).toBeVisible();
  expect((await optedOutAt(email)).at).toBeNull();

  // Opening the page changes nothing (mail scanners open links); the click does.
  await page.goto(`${portalOrigin('alpha')}/unsubscribe?token=${encodeURIComponent(token)}`);
  await expect(page.getByRole('heading', { name: 'Stop session reminders?' })).toBeVisible();
  expect((await optedOutAt(email)).at).toBeNull();
  await page.getByRole('button', { name: 'Stop reminders' }).click();
  await expect(page.getByText('You’re unsubscribed')).toBeVisible();
  await expect(page.getByText(`${email} will no longer get session reminders`)).toBeVisible();
  const first = (await optedOutAt(email)).at;
  expect(first).toBeInstanceOf(Date);

  // Again: still unsubscribed, since the first time.
  await page.reload();
  await page.getByRole('button', { name: 'Stop reminders' }).click();
  await expect(page.getByText('You’re unsubscribed')).toBeVisible();
  expect((await optedOutAt(email)).at).toEqual(first);
});
