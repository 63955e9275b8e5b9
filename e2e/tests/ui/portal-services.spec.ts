import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { acceptPrivacyNoticeIfAsked, expectFreeTimes, signInToPortal } from './portal-helpers';

const alpha = portalOrigin('alpha');

test('staff add a service a therapist offers; a client booking that therapist picks it, and the session lasts its 45 minutes', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const service = `Dry needling ${randomBytes(3).toString('hex')}`;

  await signInToPortal(page, 'alpha', 'staff@alpha.test');
  await page.goto(`${alpha}/staff/services`);
  await page.getByRole('button', { name: 'Add service' }).click();
  const sheet = page.getByRole('dialog', { name: 'Add a service' });
  await sheet.getByLabel('Name').fill(service);
  await sheet.getByLabel('Length (minutes)').fill('45');
  await sheet.getByLabel('Price').fill('700');
  await sheet.getByLabel('Bruno Díaz').check();
  await sheet.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByText('Service added.')).toBeVisible();
  const card = page.getByRole('listitem', { name: service });
  await expect(card.getByText(/45 min · MX\$700\.00/)).toBeVisible();
  await expect(card.getByText('Bruno Díaz')).toBeVisible();

  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await signInToPortal(client, 'alpha', 'client@alpha.test');
  await acceptPrivacyNoticeIfAsked(client, alpha);
  await client.goto(`${alpha}/book`);
  await client.getByText('Alpha Physio Centro').click();
  await client.getByText('Bruno Díaz').click();
  const services = client.getByRole('radiogroup', { name: 'Service' });
  await services.getByText(service).click();
  await expect(services.getByRole('radio', { name: new RegExp(service) })).toBeChecked();
  // The free times are the service's: pick the first, and the confirmation names the service.
  await expectFreeTimes(client);
  const days = client.getByRole('radiogroup', { name: 'Day' }).getByRole('radio');
  for (let i = 0; i < (await days.count()); i++) {
    if (await days.nth(i).isEnabled()) {
      await days.nth(i).click();
      break;
    }
  }
  await client
    .getByRole('radiogroup', { name: 'Available times' })
    .getByRole('radio')
    .first()
    .click();
  await client.getByRole('button', { name: 'Continue' }).click();
  const confirm = client.getByRole('dialog', { name: 'Confirm your booking' });
  await expect(confirm.getByText(service)).toBeVisible();
  const when = (await confirm.getByText(/\d+:\d{2}\s[AP]M–\d+:\d{2}\s[AP]M/).textContent()) ?? '';
  const [start, end] = [...when.matchAll(/(\d+):(\d{2})\s([AP]M)/g)].map(
    ([, h, m, half]) => ((Number(h) % 12) + (half === 'PM' ? 12 : 0)) * 60 + Number(m),
  );
  expect(end! - start!, `the session's length in "${when}"`).toBe(45);
  await confirm.getByRole('button', { name: 'Back' }).click();
  await clientContext.close();
});
