import { randomBytes } from 'node:crypto';

import { expect, test, type Page } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';

const alpha = portalOrigin('alpha');

async function signUp(page: Page, email: string, name: string) {
  await page.goto(`${alpha}/sign-up`);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('quiet lantern orbit 4417');
  await page.getByLabel('I have read and accept the privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/book/);
}

test('a client sees and downloads their data, corrects their phone, asks to be forgotten; staff approve; sign-in then fails', async ({
  page,
  browser,
}) => {
  const email = `forget-${randomBytes(4).toString('hex')}@example.test`;
  await signUp(page, email, 'Quinn Forgettable');

  await page.goto(`${alpha}/account/data`);
  await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();
  await expect(page.getByText('Version 1', { exact: false })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my data (JSON)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);

  await page.getByLabel('Phone').fill('+52 55 4444 1111');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Your details were corrected.')).toBeVisible();

  await page.getByRole('button', { name: 'Ask to be forgotten' }).click();
  await page.getByRole('button', { name: 'Yes, ask the clinic to erase my data' }).click();
  await expect(page.getByText('Your request is waiting for the clinic.')).toBeVisible();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staff.goto(`${alpha}/sign-in`);
  await staff.getByLabel('Email').fill('staff@alpha.test');
  await staff.getByLabel('Password').fill('eventora-demo-2026');
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await expect(staff).toHaveURL(/\/staff/);
  await staff.goto(`${alpha}/staff/privacy`);
  const request = staff.locator('[data-slot=card]').filter({ hasText: email });
  await request.getByRole('button', { name: 'Approve and erase' }).click();
  await expect(staff.getByText('The client was erased.')).toBeVisible();
  await staffContext.close();

  // Their session is gone, and their email no longer signs in.
  await page.goto(`${alpha}/account/data`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('quiet lantern orbit 4417');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-slot=alert]')).toBeVisible();
});
