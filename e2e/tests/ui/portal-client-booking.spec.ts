import { randomBytes } from 'node:crypto';

import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';

import { portalOrigin, runEnv } from '../../src/run-env';

const alpha = portalOrigin('alpha');

/**
 * The front desk grants a new client a package (production runs without Stripe keys here, so
 * payments are off): five sessions of alpha's first package, straight into the database.
 */
async function grantPackage(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO user_packages
         (id, clinic_id, user_id, package_id, credits_total, credits_left, expires_at, purchase_reference)
       SELECT gen_random_uuid(), u.clinic_id, u.id, p.id, 5, 5, now() + interval '90 days', 'manual:e2e-' || u.id
         FROM users u
         JOIN clinics c ON c.id = u.clinic_id AND c.slug = 'alpha'
         JOIN LATERAL (SELECT id FROM packages
                        WHERE clinic_id = u.clinic_id AND archived_at IS NULL
                        ORDER BY name LIMIT 1) p ON true
        WHERE u.email = $1`,
      [email],
    );
  } finally {
    await client.end();
  }
}

async function attachScreenshot(page: Page, name: string, width: number) {
  await page.setViewportSize({ width, height: width < 500 ? 812 : 900 });
  await page.waitForTimeout(300);
  await test.info().attach(`${name}-${width}px`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

test('a client signs up, books a slot, sees it, cancels it and gets the session back', async ({
  page,
}) => {
  // Sign-up (Argon2), booking, cancelling and screenshots at two widths: slow on a loaded machine.
  test.setTimeout(90_000);
  const email = `e2e-${randomBytes(4).toString('hex')}@example.test`;

  await page.goto(`${alpha}/sign-up`);
  await expect(page).toHaveTitle(/Create an account · Alpha Physio/);
  await page.getByLabel('Full name').fill('Robin Tester');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('quiet lantern orbit 4417');
  // No account without accepting the clinic's privacy notice.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Accept the privacy notice to create an account.')).toBeVisible();
  await page.getByLabel('I have read and accept the privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/book/);
  await expect(page.getByText('You have no sessions left')).toBeVisible();

  await grantPackage(email);
  await page.reload();
  await expect(page.getByText('You have no sessions left')).toBeHidden();

  await page.getByText('Alpha Physio Centro').click();
  await page.getByText('Any available therapist').click();
  // Three days ahead at least, so the cancellation comes before the 24-hour window.
  await expect(page.getByRole('radiogroup', { name: 'Available times' })).toBeVisible();
  const days = page.getByRole('radiogroup', { name: 'Day' }).getByRole('radio');
  let picked = false;
  for (let i = 3; i < (await days.count()) && !picked; i++) {
    if (await days.nth(i).isEnabled()) {
      await days.nth(i).click();
      picked = true;
    }
  }
  expect(picked).toBe(true);
  const time = page.getByRole('radiogroup', { name: 'Available times' }).getByRole('radio').first();
  await time.click();
  await expect(time).toHaveAttribute('aria-checked', 'true');

  for (const width of [375, 1280]) await attachScreenshot(page, 'booking-page', width);

  await page.getByRole('button', { name: 'Continue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your booking' });
  await expect(dialog.getByText(/5 left/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'You’re booked' })).toBeVisible();

  await page.getByRole('link', { name: 'See my bookings' }).click();
  await expect(page).toHaveURL(/\/bookings/);
  const card = page.getByRole('article').filter({ hasText: 'Booked' });
  await expect(card).toHaveCount(1);

  await page.goto(`${alpha}/packages`);
  await expect(page.getByText('of 5 sessions left')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '4');

  await page.goto(`${alpha}/bookings`);
  await page.getByRole('article').getByRole('button', { name: 'Cancel' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this session?' });
  await expect(cancel.getByText(/goes back to your package/)).toBeVisible();
  await cancel.getByRole('button', { name: 'Cancel session' }).click();
  await expect(page.getByRole('article').getByText('Cancelled')).toBeVisible();
  await expect(page.getByText('Cancelled. The session is back in your package.')).toBeVisible();

  await page.goto(`${alpha}/packages`);
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '5');
});

test('an unknown clinic shows a not-found page, and beta’s portal is beta’s', async ({ page }) => {
  const response = await page.goto(portalOrigin('no-such-clinic'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We couldn’t find this clinic' })).toBeVisible();

  await page.goto(`${portalOrigin('beta')}/sign-in`);
  await expect(page).toHaveTitle(/Beta Wellness/);
  await page.getByLabel('Email').fill('client@alpha.test');
  await page.getByLabel('Password').fill('eventora-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // alpha's account does not exist at beta.
  await expect(page.locator('[data-slot=alert]')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
