import { expect, test, type Page } from '@playwright/test';

import { DEMO_PASSWORD } from '../../src/demo-targets';
import { portalOrigin } from '../../src/run-env';
import { console_, OPERATOR } from './console-helpers';

/*
 * Issue 11, item 4, in a real browser (failed on main: the console's `?next=/%5Cevil.example`
 * and the portal's `?next=/%09/evil.example`, `%0a`, `%0d` sent the signed-in user to another
 * origin, because the browser reads `\` as `/` and drops tabs and newlines).
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

for (const trick of ['%09', '%0a', '%0d', '%5C']) {
  test(`the portal's sign-in ignores next=/${trick}/evil.example and stays on the clinic's site`, async ({
    page,
  }) => {
    const portal = portalOrigin('alpha');
    // The booking page, or the privacy notice on the way to it (whether the demo client has
    // accepted alpha's notice yet depends on which spec ran first): never the trick's target.
    const landedOnTheClinicsOwnSite = new RegExp(
      `^${escapeRegExp(portal)}/(book|privacy\\?next=%2Fbook)$`,
    );
    await page.goto(`${portal}/sign-in?next=/${trick}/evil.example`);
    await signIn(page, 'client@alpha.test', DEMO_PASSWORD);
    await expect(page).toHaveURL(landedOnTheClinicsOwnSite);
    // Signed in already: the page itself redirects, and still not away.
    await page.goto(`${portal}/sign-in?next=/${trick}/evil.example`);
    await expect(page).toHaveURL(landedOnTheClinicsOwnSite);
  });
}

test('the console’s sign-in ignores next=/%5Cevil.example, and keeps a next of its own', async ({
  page,
}) => {
  await page.goto(`${console_}/sign-in?next=/%5Cevil.example`);
  await signIn(page, OPERATOR.email, OPERATOR.password);
  await expect(page).toHaveURL(`${console_}/clinics`);
  await page.goto(`${console_}/sign-in?next=/%09/evil.example`);
  await expect(page).toHaveURL(`${console_}/clinics`);
  await page.goto(`${console_}/sign-in?next=/audit`);
  await expect(page).toHaveURL(`${console_}/audit`);
});
