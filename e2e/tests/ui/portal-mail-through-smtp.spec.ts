import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { caughtMail, mailedToken } from '../../src/mail-inbox';
import { TrpcHttp } from '../../src/portal-api';
import { portalOrigin } from '../../src/run-env';

const alpha = portalOrigin('alpha');

/**
 * Mail as production sends it: the portal writes the message to the clinic's outbox, the worker
 * delivers it over SMTP, and the test reads it where a person would, in a mailbox (the run's
 * catcher). No link is ever shown on screen.
 */
test('a client who forgot the password gets the reset link by mail, sets a new one and signs in', async ({
  page,
}) => {
  // A new client of our own, so no seeded account changes.
  const email = `forgot-${randomBytes(4).toString('hex')}@example.test`;
  const portal = await TrpcHttp.portal('alpha');
  const notice = await portal.query<{ version: number }>('privacy.notice', undefined);
  const signedUp = await portal.mutation('auth.signUp', {
    email,
    name: 'Forgetful Client',
    password: 'first passphrase for alpha',
    acceptedNoticeVersion: notice.data!.version,
  });
  expect(signedUp.status, signedUp.error?.message).toBe(200);
  await portal.dispose();

  await page.goto(`${alpha}/forgot-password`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();
  await expect(page.getByText('/reset-password?token=')).toHaveCount(0);

  const token = await mailedToken(email, '/reset-password');
  const [mail] = (await caughtMail()).filter((message) => message.to.includes(email));
  // From the clinic, in its name, with a plain-text body that carries the link.
  expect(mail!.from).toContain('Alpha Physio');
  expect(mail!.text).toContain(`${alpha}/reset-password?token=`);

  await page.goto(`${alpha}/reset-password?token=${encodeURIComponent(token)}`);
  await page.getByLabel('New password').fill('second passphrase for alpha');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  await page.goto(`${alpha}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('second passphrase for alpha');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/book/);

  // The link is single use.
  await page.context().clearCookies();
  await page.goto(`${alpha}/reset-password?token=${encodeURIComponent(token)}`);
  await page.getByLabel('New password').fill('third passphrase for alpha');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Password changed')).toHaveCount(0);
});
