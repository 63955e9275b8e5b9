import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { signInToPortal } from './portal-helpers';

const alpha = portalOrigin('alpha');

test('staff add a client twice by mistake, correct the record, and merge the duplicate into it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const suffix = randomBytes(3).toString('hex');
  const name = `Paula Pérez ${suffix}`;
  await signInToPortal(page, 'alpha', 'staff@alpha.test');

  const add = async (clientName: string, email: string) => {
    await page.goto(`${alpha}/staff/clients`);
    await page.getByRole('button', { name: 'New client' }).click();
    const sheet = page.getByRole('dialog', { name: 'New client' });
    await sheet.getByLabel('Name').fill(clientName);
    await sheet.getByRole('textbox', { name: 'Email' }).fill(email);
    await sheet.getByRole('button', { name: 'Add client' }).click();
    await expect(page.getByRole('heading', { level: 1, name: clientName })).toBeVisible();
  };
  await add(name, `paula-${suffix}@alpha-clients.test`);
  const keepUrl = page.url();
  await add(`Paula P ${suffix}`, `paula.p-${suffix}@alpha-clients.test`);

  // The same email again is refused, on the field.
  await page.goto(`${alpha}/staff/clients`);
  await page.getByRole('button', { name: 'New client' }).click();
  const again = page.getByRole('dialog', { name: 'New client' });
  await again.getByLabel('Name').fill('Someone else');
  await again.getByRole('textbox', { name: 'Email' }).fill(`paula-${suffix}@alpha-clients.test`);
  await again.getByRole('button', { name: 'Add client' }).click();
  await expect(again.getByText('Already has an account here: search for them.')).toBeVisible();
  await again.getByRole('button', { name: 'Cancel' }).click();

  // Search finds both records.
  await page.getByLabel('Search clients').fill(suffix);
  await expect(page.getByRole('link', { name: new RegExp(suffix) })).toHaveCount(2);

  // Correct the phone of the record that stays.
  await page.goto(keepUrl);
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  await edit.getByLabel('Phone').fill('+52 55 4000 0000');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('+52 55 4000 0000')).toBeVisible();

  // Merge the duplicate: pick it, read what happens, confirm.
  await page.getByRole('button', { name: 'Merge a duplicate' }).click();
  const merge = page.getByRole('dialog', { name: `Merge a duplicate into ${name}` });
  await merge.getByLabel('Search clients').fill(`Paula P ${suffix}`);
  await merge.getByRole('button', { name: new RegExp(`Paula P ${suffix}`) }).click();
  const confirm = page.getByRole('dialog', { name: `Merge Paula P ${suffix} into ${name}?` });
  await expect(confirm.getByText('This cannot be undone.')).toBeVisible();
  await confirm.getByRole('button', { name: `Merge into ${name}` }).click();
  await expect(page.getByText(/^Merged: 0 sessions/)).toBeVisible();

  await page.goto(`${alpha}/staff/clients`);
  await page.getByLabel('Search clients').fill(`Paula P ${suffix}`);
  await expect(
    page.getByRole('link', { name: new RegExp(`Paula P ${suffix}`) }).getByText('Disabled'),
  ).toBeVisible();
});
