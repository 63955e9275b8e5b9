import { expect, test } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';
import { portalOrigin } from '../../src/run-env';
import { console_, operatorApi } from './console-helpers';

const OWNER = { email: 'owner@alpha.test', password: 'eventora-demo-2026' };

test('a clinic owner’s credentials and session are refused by the console', async ({ page }) => {
  // Two Argon2 sign-ins (the console refuses, the portal accepts): slow on a loaded machine.
  test.setTimeout(90_000);
  await page.goto(`${console_}/sign-in`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Next's route announcer is an (empty) alert too: look for ours by what it says.
  await expect(page.getByRole('alert').filter({ hasText: /email or password/i })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  // A real session of alpha's owner, set as the browser's cookie on the console's host too.
  const alpha = await TrpcHttp.portal('alpha');
  const signedIn = await alpha.mutation<{ token: string }>('auth.signIn', {
    ...OWNER,
    bearer: true,
  });
  const token = signedIn.data!.token;
  await page.context().addCookies([
    { name: 'eventora_session', value: token, url: console_ },
    { name: 'eventora_platform_session', value: token, url: console_ },
  ]);
  await page.goto(`${console_}/clinics`);
  await expect(page).toHaveURL(/\/sign-in/);

  const consoleApi = await TrpcHttp.console();
  for (const cookie of [`eventora_session=${token}`, `eventora_platform_session=${token}`]) {
    const answer = await consoleApi.query('admin.clinic.list', {}, { cookie });
    expect(answer.status).toBe(401);
  }
  await alpha.dispose();
  await consoleApi.dispose();
});

test('console procedures are refused at the portal’s endpoint, even with an operator’s session', async ({
  page,
}) => {
  const { api, cookie } = await operatorApi();
  const alpha = await TrpcHttp.portal('alpha');
  for (const path of ['admin.clinic.list', 'admin.health.fleet', 'admin.access.list']) {
    expect((await alpha.query(path, {}, cookie)).status).toBe(404);
  }
  for (const path of ['admin.clinic.suspend', 'admin.access.open', 'admin.auth.signIn']) {
    expect((await alpha.mutation(path, {}, cookie)).status).toBe(404);
  }
  // The operator's session is no session of the portal's either.
  expect((await alpha.query('auth.me', undefined, cookie)).status).toBe(401);
  // And in a browser: the portal's pages do not know the console.
  const response = await page.goto(`${portalOrigin('alpha')}/api/trpc/admin.clinic.list`);
  expect(response?.status()).toBe(404);
  await alpha.dispose();
  await api.dispose();
});
