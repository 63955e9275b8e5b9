import { expect, test, type Page } from '@playwright/test';

import { expectNoSeriousViolations } from '../../src/axe';
import { consoleOrigin, portalOrigin } from '../../src/run-env';
import { newClientWithPackage, PHONE } from './a11y-helpers';
import { OPERATOR } from './console-helpers';
import { signInToPortal } from './portal-helpers';

const alpha = portalOrigin('alpha');

// axe walks the whole page at every step, on a loaded machine (a run took over a minute).
test.setTimeout(300_000);

/** A full-page screenshot in the report, at the viewport the page is at. */
async function screenshot(page: Page, name: string) {
  await test.info().attach(`${name}-${page.viewportSize()?.width}px.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

test('the axe check fails on a page with a serious violation, naming the rule and element', async ({
  page,
}) => {
  await page.setContent(
    '<!doctype html><html lang="en"><title>t</title><body><main><button id="nameless"></button></main></body></html>',
  );
  await expect(expectNoSeriousViolations(page, 'self-test')).rejects.toThrow(
    /button-name at #nameless/,
  );
});

test('sign-in and sign-up have no serious accessibility violations, errors shown included', async ({
  page,
}) => {
  await page.goto(`${alpha}/sign-in`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in');
  await page.getByLabel('Email').fill('nobody@example.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-slot=alert]')).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in-error');

  await page.setViewportSize(PHONE);
  await page.goto(`${alpha}/sign-up`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Required.').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-up-errors-phone');
});

test('booking on a phone has no serious accessibility violations at any step, nor do my bookings and packages', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await newClientWithPackage(page.context(), { expired: true });
  await page.goto(`${alpha}/book`);
  await expect(page.getByRole('heading', { name: 'Choose a branch' })).toBeVisible();
  await expectNoSeriousViolations(page, 'book-1-branch');
  await screenshot(page, 'book-1-branch');

  await page.getByText('Alpha Physio Centro').click();
  await expect(page.getByText('Any available therapist')).toBeVisible();
  await expectNoSeriousViolations(page, 'book-2-therapist');
  await screenshot(page, 'book-2-therapist');

  await page.getByText('Any available therapist').click();
  const times = page.getByRole('radiogroup', { name: 'Available times' });
  await expect(times).toBeVisible();
  await expectNoSeriousViolations(page, 'book-3-times');
  await screenshot(page, 'book-3-times');

  await times.getByRole('radio').first().click();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  await expectNoSeriousViolations(page, 'book-4-time-chosen');
  await screenshot(page, 'book-4-time-chosen');

  await page.getByRole('button', { name: 'Continue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your booking' });
  await expect(dialog.getByText(/5 left/)).toBeVisible();
  // The dialog's opening animation done (axe would measure colours mid-fade).
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectNoSeriousViolations(page, 'book-5-confirm');
  await screenshot(page, 'book-5-confirm');

  await dialog.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectNoSeriousViolations(page, 'book-6-booked');
  await screenshot(page, 'book-6-booked');

  await page.goto(`${alpha}/bookings`);
  await expect(page.getByRole('article').filter({ hasText: 'Booked' })).toHaveCount(1);
  await expectNoSeriousViolations(page, 'my-bookings');
  await page.getByRole('article').getByRole('button', { name: 'Cancel' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this session?' });
  await expect(cancel).toHaveCSS('opacity', '1');
  await expectNoSeriousViolations(page, 'my-bookings-cancel-dialog');
  await cancel.getByRole('button', { name: 'Keep it' }).click();

  // An expired package beside the active one (its text was faded below 4.5:1).
  await page.goto(`${alpha}/packages`);
  await expect(page.getByText('Expired', { exact: true }).first()).toBeVisible();
  await expectNoSeriousViolations(page, 'packages-with-expired');
});

test('the staff schedule (day and week) and the team page have no serious accessibility violations', async ({
  page,
}) => {
  await signInToPortal(page, 'alpha', 'owner@alpha.test');
  await page.goto(`${alpha}/staff`);
  const week = page.getByRole('tab', { name: 'Week' });
  await expect(week).toBeVisible();
  await expect(page.getByText(/sessions? · times in/)).toBeVisible();
  await expectNoSeriousViolations(page, 'schedule-day');
  await week.click();
  await expect(week).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/sessions? · times in/)).toBeVisible();
  await expectNoSeriousViolations(page, 'schedule-week');

  await page.setViewportSize(PHONE);
  await expectNoSeriousViolations(page, 'schedule-week-phone');

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${alpha}/staff/team`);
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'team');
});

test('the console’s main pages have no serious accessibility violations', async ({ page }) => {
  await page.goto(`${consoleOrigin()}/sign-in`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousViolations(page, 'console-sign-in');
  // The operator's password hash takes a while to check on a loaded machine.
  await page.getByLabel('Email').fill(OPERATOR.email);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/clinics$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'console-clinics');
  await page.getByRole('link', { name: 'alpha', exact: true }).click();
  await expect(page).toHaveURL(/\/clinics\/[0-9a-f-]+/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'console-clinic');
  for (const [path, label] of [
    ['/health', 'console-health'],
    ['/jobs', 'console-jobs'],
    ['/audit', 'console-audit'],
  ] as const) {
    await page.goto(`${consoleOrigin()}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousViolations(page, label);
  }
});
