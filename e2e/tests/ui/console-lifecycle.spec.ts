import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';
import { console_, operatorApi, setPasswordToken, signInToConsole } from './console-helpers';

test('suspending a clinic closes its portal and its sessions; reactivating reopens it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A clinic of this test's own (suspending a demo clinic would disturb the other suites).
  const slug = `e2e-${randomBytes(3).toString('hex')}`;
  const ownerEmail = `owner@${slug}.test`;
  const { api, cookie } = await operatorApi();
  const created = await api.mutation<{ id: string }>(
    'admin.clinic.create',
    { slug, name: 'E2E Lifecycle Clinic', mode: 'shared', ownerEmail, ownerName: 'Lee Owner' },
    cookie,
  );
  expect(created.error?.message ?? 'created').toBe('created');
  const portal = await TrpcHttp.portal(slug);
  const token = await setPasswordToken(ownerEmail);
  expect(
    (
      await portal.mutation('auth.resetPassword', {
        token,
        newPassword: 'violet canyon river 8802',
      })
    ).status,
  ).toBe(200);
  const signedIn = await portal.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email: ownerEmail,
    password: 'violet canyon river 8802',
  });
  const session = { cookie: `eventora_session=${signedIn.data!.token}` };
  expect((await portal.query('auth.me', undefined, session)).status).toBe(200);

  await signInToConsole(page);
  await page.goto(`${console_}/clinics/${created.data!.id}`);
  await page.getByRole('button', { name: 'Suspend…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('short');
  await dialog.getByRole('button', { name: 'Suspend clinic' }).click();
  await expect(dialog.getByText('Say why (10 characters at least).')).toBeVisible();
  await dialog.getByLabel('Reason').fill('E2E: unpaid invoices for three months');
  await dialog.getByRole('button', { name: 'Suspend clinic' }).click();
  await expect(page.getByText('Its portal answers “not found”')).toBeVisible();

  // The portal is closed: its session and its sign-in answer "not found", like no clinic at all.
  expect((await portal.query('auth.me', undefined, session)).status).toBe(404);
  expect(
    (
      await portal.mutation('auth.signIn', {
        email: ownerEmail,
        password: 'violet canyon river 8802',
      })
    ).status,
  ).toBe(404);

  await page.getByRole('button', { name: 'Reactivate…' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('E2E: invoices settled');
  await page.getByRole('dialog').getByRole('button', { name: 'Reactivate clinic' }).click();
  await expect(page.getByRole('button', { name: 'Suspend…' })).toBeVisible();
  expect((await portal.query('auth.me', undefined, session)).status).toBe(200);

  await page.getByRole('link', { name: 'Full log' }).click();
  await expect(page.getByRole('cell', { name: 'clinic.suspend', exact: true })).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'E2E: unpaid invoices for three months' }),
  ).toBeVisible();
  await portal.dispose();
  await api.dispose();
});
