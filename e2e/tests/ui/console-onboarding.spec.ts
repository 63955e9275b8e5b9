import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { attachScreenshot, setPasswordToken, signInToConsole } from './console-helpers';

test('an operator onboards a clinic in its own schema and its first owner then uses its portal', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const slug = `e2e-${randomBytes(3).toString('hex')}`;
  const ownerEmail = `founder@${slug}.test`;

  await signInToConsole(page);
  await page.getByRole('link', { name: 'Onboard a clinic' }).click();
  await page.getByLabel('Clinic name').fill('E2E Schema Rehab');

  // The API's own slug rules, checked before anything is sent.
  await page.getByLabel('Address').fill('admin');
  await page.getByLabel('First owner’s name').click();
  await expect(page.getByText('That name is reserved.')).toBeVisible();
  await page.getByLabel('Address').fill(slug);
  await expect(page.getByText('That name is reserved.')).toBeHidden();

  await page.getByText('Own schema', { exact: true }).click();
  await page.getByLabel('First owner’s name').fill('Fran Founder');
  await page.getByLabel('First owner’s email').fill(ownerEmail);
  await page.getByRole('button', { name: 'Create clinic' }).click();

  await expect(page.getByRole('list', { name: 'Provisioning progress' })).toBeVisible();
  await expect(page.getByText('E2E Schema Rehab is open')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('(schema mode)')).toBeVisible();
  // A production console never shows the one-time link: it was mailed.
  await expect(page.getByText('The first owner was sent a one-time link')).toBeVisible();
  await attachScreenshot(page, 'console-onboarded');

  await page.getByRole('link', { name: 'Go to the clinic' }).click();
  await expect(page.getByText(`Own schema clinic_${slug.replaceAll('-', '_')}`)).toBeVisible();

  const portal = portalOrigin(slug);
  const token = await setPasswordToken(ownerEmail);
  await page.goto(`${portal}/reset-password?token=${encodeURIComponent(token)}`);
  await page.getByLabel('New password').fill('amber harbour lantern 5521');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  await page.goto(`${portal}/sign-in`);
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill('amber harbour lantern 5521');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff/);
});
