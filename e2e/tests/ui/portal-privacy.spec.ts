import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';
import { provisionClinic } from '@eventora/tenancy';
import { loadMigrations } from '@eventora/tenancy/migrations';

import { portalOrigin, runEnv } from '../../src/run-env';

const run = randomBytes(3).toString('hex');
// A clinic of its own: a new notice version here asks no other suite's clients again.
const slug = `consent-${run}`;
const origin = portalOrigin(slug);
const client = { name: 'Paula Privacy', email: `paula-${run}@patients.test` };
const PASSWORD = 'a long enough password 2026';

/** The clinic's owner publishing a new notice version (set-up: what is tested is the client). */
async function publishNoticeVersion(version: number): Promise<void> {
  const owner = new pg.Client({ connectionString: runEnv('ownerUrl') });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    const { rows } = await owner.query<{ id: string }>('SELECT id FROM clinics WHERE slug = $1', [
      slug,
    ]);
    await owner.query("SELECT set_config('app.current_tenant', $1, true)", [rows[0]!.id]);
    await owner.query(
      'INSERT INTO privacy_notices (clinic_id, version, body) VALUES ($1, $2, $3)',
      [
        rows[0]!.id,
        version,
        `Version ${version} of our privacy notice: we now also keep your intake forms.`,
      ],
    );
    await owner.query('COMMIT');
  } finally {
    await owner.end();
  }
}

async function signIn(page: Page) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email').fill(client.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe.serial('a client’s privacy in the portal', () => {
  // Each journey signs in and renders several server pages: slow on a loaded 2-core machine.
  test.describe.configure({ timeout: 90_000 });
  test.beforeAll(async () => {
    await provisionClinic(
      { slug, name: `Privacy Clinic ${run}`, mode: 'shared' },
      { ownerUrl: runEnv('ownerUrl'), migrations: await loadMigrations(migrationsDir) },
    );
  });

  test('sign-up is refused until the privacy notice is accepted', async ({ page }) => {
    await page.goto(`${origin}/sign-up`);
    await page.getByLabel('Full name').fill(client.name);
    await page.getByLabel('Email').fill(client.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Accept the privacy notice to create an account.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up/);

    await page.getByLabel('I have read and accept the privacy notice').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/book/);
  });

  test('a new notice version is asked for once, at the next sign-in', async ({ page }) => {
    await publishNoticeVersion(2);
    await signIn(page);
    await expect(page).toHaveURL(/\/privacy\?next=/);
    await expect(page.getByText('has updated its privacy notice')).toBeVisible();
    await expect(page.getByText('Version 2 of our privacy notice')).toBeVisible();
    await page.getByRole('button', { name: 'I accept this privacy notice' }).click();
    await expect(page).toHaveURL(`${origin}/book`);

    // Accepted once: the next sign-in goes straight on.
    await page.context().clearCookies();
    await signIn(page);
    await expect(page).not.toHaveURL(/\/sign-in/);
    await page.goto(`${origin}/account/data`);
    await expect(page).toHaveURL(/\/account\/data/);
  });

  test('downloads their data, corrects their name and phone, and asks to be forgotten', async ({
    page,
  }) => {
    await signIn(page);
    await expect(page).not.toHaveURL(/\/sign-in/);
    await page.goto(`${origin}/account/data`);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data (JSON)' }).click();
    const download = await downloading;
    const json = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      profile: { email: string; name: string };
    };
    expect(json.profile).toMatchObject({ email: client.email, name: client.name });

    await page.getByLabel('Full name').fill('Paula Corrected');
    await page.getByLabel('Phone').fill('+52 55 1234 5678');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.reload();
    await expect(page.getByLabel('Full name')).toHaveValue('Paula Corrected');
    await expect(page.getByLabel('Phone')).toHaveValue('+52 55 1234 5678');

    await page.getByRole('button', { name: 'Ask to be forgotten' }).click();
    await page.getByRole('button', { name: 'Yes, ask the clinic to erase my data' }).click();
    await expect(page.getByText('Your request is waiting for the clinic.')).toBeVisible();
    await expect(page.getByText(/: pending\./)).toBeVisible();
  });
});
