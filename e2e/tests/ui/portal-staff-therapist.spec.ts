import { randomBytes } from 'node:crypto';

import { expect, test, type Page } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { acceptPrivacyNoticeIfAsked, expectFreeTimes } from './portal-helpers';

const alpha = portalOrigin('alpha');

async function signIn(page: Page, email: string) {
  await page.goto(`${alpha}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('eventora-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

test('staff add a therapist with weekday shifts, and clients can book them', async ({
  page,
  browser,
}) => {
  // Two sign-ins (Argon2) and two apps' worth of pages: slow on a loaded 2-core machine.
  test.setTimeout(90_000);
  const name = `Therapist ${randomBytes(3).toString('hex')}`;

  await signIn(page, 'staff@alpha.test');
  await expect(page).toHaveURL(/\/staff/);
  await page.goto(`${alpha}/staff/therapists`);
  await page.getByRole('button', { name: 'Add therapist' }).click();
  const sheet = page.getByRole('dialog', { name: 'Add a therapist' });
  await sheet.getByLabel('Name').fill(name);
  await sheet.getByLabel('Bio').fill('Sports rehabilitation.');
  await sheet.getByLabel('Works at Alpha Physio Centro').check();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
    await sheet.getByRole('button', { name: `Add shift on ${day}` }).click();
  }
  await sheet.getByRole('button', { name: 'Add therapist' }).click();
  await expect(page.getByText('Therapist added.')).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();

  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await signIn(client, 'client@alpha.test');
  await acceptPrivacyNoticeIfAsked(client, alpha);
  await client.goto(`${alpha}/book`);
  await client.getByText('Alpha Physio Centro').click();
  await client.getByText(name).click();
  await expectFreeTimes(client);
  await clientContext.close();
});
