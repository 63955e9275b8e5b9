import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { attachScreenshot } from './console-helpers';
import { mailedToken } from '../../src/mail-inbox';
import { signInToPortal } from './portal-helpers';

const alpha = portalOrigin('alpha');
// Free of the name and email (the password policy refuses those).
const PASSWORD = 'Quiet-Harbor-Lantern-2026';

test('an owner invites a therapist by email; the therapist accepts, signs in and sees only their own schedule', async ({
  page,
  browser,
}) => {
  // Two people's journeys in three browsers, on a shared 2-core machine.
  test.setTimeout(90_000);
  const suffix = randomBytes(3).toString('hex');
  const name = `Invited Therapist ${suffix}`;
  const email = `therapist-${suffix}@alpha-invites.test`;

  await signInToPortal(page, 'alpha', 'owner@alpha.test');
  // The clinic's week as staff see it: the demo seed keeps it busy.
  await page.goto(`${alpha}/staff`);
  await page.getByRole('tab', { name: 'Week' }).click();
  await expect(page.getByText(/^[1-9]\d* sessions?/)).toBeVisible();

  await page.goto(`${alpha}/staff/team`);
  await page.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite to the team' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Role').selectOption('THERAPIST');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('listitem', { name });
  await expect(row.getByText('Invited', { exact: true })).toBeVisible();
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue('THERAPIST');

  // A fresh render for the screenshots (no toast over the list).
  await page.reload();
  await expect(row.getByText('Invited', { exact: true })).toBeVisible();
  await attachScreenshot(page, 'team-page', 1280);
  await attachScreenshot(page, 'team-page', 375);

  // The link from the invitation email (delivered by the worker to the run's mailbox), opened
  // in a fresh browser: the therapist's.
  const token = await mailedToken(email, '/accept-invitation');
  const link = `${alpha}/accept-invitation?token=${encodeURIComponent(token)}`;
  const therapistContext = await browser.newContext();
  const therapist = await therapistContext.newPage();
  await therapist.goto(link);
  await therapist.getByLabel('Password').fill(PASSWORD);
  await therapist.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(therapist).toHaveURL(`${alpha}/staff`);
  await expect(therapist.getByText('Your sessions.')).toBeVisible();

  // Their own schedule only: the same busy week shows none of the other therapists' sessions,
  // and the clinic's records are not on their menu.
  await therapist.getByRole('tab', { name: 'Week' }).click();
  await expect(therapist.getByText(/^0 sessions/)).toBeVisible();
  const menu = therapist.getByRole('navigation', { name: 'Staff' });
  await expect(menu.getByRole('link', { name: 'Schedule' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Clients' })).toHaveCount(0);
  await expect(menu.getByRole('link', { name: 'Team' })).toHaveCount(0);
  await therapist.goto(`${alpha}/staff/clients`);
  await expect(therapist).not.toHaveURL(/\/staff\/clients/);

  // The link is single-use.
  const again = await browser.newContext();
  const second = await again.newPage();
  await second.goto(link);
  await second.getByLabel('Password').fill(`Amber-${PASSWORD}`);
  await second.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(second.getByRole('alert').first()).toBeVisible();
  await expect(second).toHaveURL(/\/accept-invitation/);

  // Back on the owner's team page, they are active now.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await expect(
    page.getByRole('listitem', { name }).getByText('Active', { exact: true }),
  ).toBeVisible();
  await again.close();
  await therapistContext.close();
});

test('the last active owner cannot be demoted: the team page says why', async ({ page }) => {
  await signInToPortal(page, 'alpha', 'owner@alpha.test');
  await page.goto(`${alpha}/staff/team`);
  const owner = page.getByRole('listitem', { name: 'Olivia Ortega' });
  await owner.getByLabel('Role of Olivia Ortega').selectOption('STAFF');
  await expect(
    page.getByRole('alert').filter({ hasText: 'A clinic always keeps an active owner' }),
  ).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('listitem', { name: 'Olivia Ortega' }).getByLabel('Role of Olivia Ortega'),
  ).toHaveValue('OWNER');
});
