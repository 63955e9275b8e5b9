import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { attachScreenshot } from './console-helpers';
import { openAroundTheClock, portalApiAs, signInToPortal } from './portal-helpers';

const alpha = portalOrigin('alpha');
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test('a receptionist on a phone books a walk-in paid at the desk and marks them arrived', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const suffix = randomBytes(3).toString('hex');
  // Walk-ins take today's free times: a branch and therapist open around the clock.
  const therapistName = `Desk Therapist ${suffix}`;
  await openAroundTheClock(await portalApiAs('alpha', 'staff@alpha.test'), {
    branch: `Desk branch ${suffix}`,
    therapist: therapistName,
    timezone: 'America/Mexico_City',
  });

  const clientName = `Walk-in ${suffix}`;
  await signInToPortal(page, 'alpha', 'staff@alpha.test');
  await page.goto(`${alpha}/staff/desk`);
  await expect(page.getByRole('heading', { name: 'Front desk' })).toBeVisible();
  await page.getByRole('button', { name: 'Book a walk-in' }).click();
  const sheet = page.getByRole('dialog', { name: 'Book a walk-in' });
  await sheet.getByRole('tab', { name: 'New client' }).click();
  await sheet.getByLabel('Name').fill(clientName);
  await sheet.getByRole('textbox', { name: 'Email' }).fill(`walk-in-${suffix}@alpha-desk.test`);
  await sheet.getByLabel('Phone (optional)').fill('+52 55 3000 0000');
  await sheet.getByRole('button', { name: 'Add and continue' }).click();
  await expect(sheet.getByText(`Walk-in: ${clientName}`)).toBeVisible();

  await sheet.getByLabel('Branch').selectOption({ label: `Desk branch ${suffix}` });
  await sheet.getByLabel('Therapist').selectOption({ label: therapistName });
  // The soonest free time is chosen for a walk-in.
  await expect(sheet.getByLabel('Time today')).toBeEnabled();
  await sheet.getByLabel('Payment method').selectOption({ label: 'Card terminal' });
  await sheet.getByLabel('Amount').fill('450');
  await sheet.getByLabel('Receipt or reference (optional)').fill(`T-${suffix}`);
  await sheet.getByRole('button', { name: 'Book walk-in' }).click();
  await expect(page.getByText(`${clientName} is booked at`)).toBeVisible();
  await expect(sheet).toBeHidden();

  const column = page.getByRole('region', { name: therapistName });
  const card = column.getByRole('article').filter({ hasText: clientName });
  await expect(card.getByText('Paid · Card terminal')).toBeVisible();
  await expect(card.getByText('Expected')).toBeVisible();
  // Nothing on this screen is wider than the phone.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await card.getByRole('button', { name: 'Arrived' }).click();
  await expect(page.getByText(`${clientName} marked arrived.`)).toBeVisible();
  await expect(card.getByText('Arrived', { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Arrived' })).toHaveCount(0);

  // A note for the team, on the same card.
  await card.getByRole('button', { name: `Notes for ${clientName}` }).click();
  const notes = page.getByRole('dialog', { name: `Notes · ${clientName}` });
  await notes.getByLabel('Add a note').fill('Left knee: ice after the session.');
  await notes.getByRole('button', { name: 'Save note' }).click();
  await expect(
    notes.getByRole('list', { name: 'Notes' }).getByText('Left knee: ice after the session.'),
  ).toBeVisible();
  await notes.getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await expect(card.getByText('Arrived', { exact: true })).toBeVisible();
  await attachScreenshot(page, 'front-desk-day', 375);
  await attachScreenshot(page, 'front-desk-day', 1280);
});
