import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';
import { provisionClinic } from '@eventora/tenancy';
import { verifyArchive } from '@eventora/tenancy/archive';
import { backupClinic, localBackupStore } from '@eventora/tenancy/backups';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { closeClinic } from '@eventora/tenancy/offboarding';

import { caughtMail } from '../../src/mail-inbox';
import { ARCHIVE_SIGNING_KEY_FOR_E2E, runEnv } from '../../src/run-env';
import { console_, signInToConsole } from './console-helpers';

const REASON = 'E2E: an operator rehearses the clinic data lifecycle';
const run = randomBytes(3).toString('hex');

async function asOwnerRole<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: runEnv('ownerUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function clinicId(slug: string): Promise<string> {
  const { rows } = await asOwnerRole((client) =>
    client.query<{ id: string }>('SELECT id FROM clinics WHERE slug = $1', [slug]),
  );
  return rows[0]!.id;
}

/** The final-export link in the newest mail to `email`, once the worker has delivered it. */
async function mailedExportLink(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const texts = (await caughtMail())
          .filter((message) => message.to.includes(email))
          .map((message) => message.text);
        link = /Download the export: (\S+)/.exec(texts.at(-1) ?? '')?.[1];
        return Boolean(link);
      },
      { message: `a final-export link mailed to ${email}`, timeout: 30_000 },
    )
    .toBe(true);
  return link!;
}

test.describe('a clinic’s data in the console', () => {
  test('lists a clinic’s backups and restores one as a closed copy with a new address', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const backup = await backupClinic('alpha', {
      ownerUrl: runEnv('ownerUrl'),
      signingKey: ARCHIVE_SIGNING_KEY_FOR_E2E,
      store: localBackupStore(runEnv('backupStore')),
    });
    await signInToConsole(page);
    await page.goto(`${console_}/clinics/${await clinicId('alpha')}`);
    const panel = page.getByRole('region', { name: 'Backups' });
    const row = panel.getByRole('row').filter({ hasText: backup.rows.toLocaleString('en-US') });
    // The clinic page loads its panels' data after the page itself: slow on a loaded machine.
    await expect(row.first()).toBeVisible({ timeout: 30_000 });

    // In place, the typed address must match: refused, nothing starts.
    await row
      .first()
      .getByRole('button', { name: /^Restore the backup of/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('This clinic, replacing its data').check();
    await dialog.getByLabel('Type alpha to confirm').fill('alfa');
    await dialog.getByLabel('Reason').fill(REASON);
    await dialog.getByRole('button', { name: 'Replace this clinic’s data' }).click();
    await expect(dialog.getByText('Type alpha to confirm.')).toBeVisible();

    // As a copy: it runs, shows its progress, and ends with a link to the closed copy.
    const copySlug = `alpha-copy-${run}`;
    await dialog.getByLabel('A new clinic (a copy)').check();
    await dialog.getByLabel('Address of the copy').fill(copySlug);
    await dialog.getByRole('button', { name: 'Restore as a copy' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByText(/^Restored the backup of/)).toBeVisible({ timeout: 60_000 });
    await panel.getByRole('link', { name: copySlug }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('restored copy');
    await expect(page.getByText('suspended').first()).toBeVisible();
  });

  test('shows a closing clinic’s grace period and cancels its offboarding', async ({ page }) => {
    test.setTimeout(120_000);
    const slug = `closing-${run}`;
    const ownerUrl = runEnv('ownerUrl');
    await provisionClinic(
      { slug, name: `Closing Clinic ${run}`, mode: 'shared' },
      { ownerUrl, migrations: await loadMigrations(migrationsDir) },
    );
    const exportDir = await mkdtemp(path.join(tmpdir(), 'eventora-e2e-final-'));
    try {
      await closeClinic(
        slug,
        { exportDir, graceDays: 30, reason: 'E2E: contract ended' },
        { ownerUrl, signingKey: ARCHIVE_SIGNING_KEY_FOR_E2E },
      );
      await signInToConsole(page);
      await page.goto(`${console_}/clinics/${await clinicId(slug)}`);
      const panel = page.getByRole('region', { name: 'Offboarding' });
      await expect(panel.getByText('30 days left')).toBeVisible({ timeout: 30_000 });
      await expect(panel.getByText('Purge after')).toBeVisible();

      await panel.getByRole('button', { name: 'Cancel offboarding…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason').fill(REASON);
      await dialog.getByRole('button', { name: 'Reopen the clinic' }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(/closed and then reopened/)).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Cancel offboarding…' })).toHaveCount(0);
    } finally {
      await rm(exportDir, { recursive: true, force: true });
    }
  });

  test('the owner’s final-export link downloads the signed archive; a wrong or expired one does not', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const slug = `final-${run}`;
    const ownerEmail = `owner-${run}@final.test`;
    const ownerUrl = runEnv('ownerUrl');
    await provisionClinic(
      { slug, name: `Final Clinic ${run}`, mode: 'shared' },
      { ownerUrl, migrations: await loadMigrations(migrationsDir) },
    );
    const id = await clinicId(slug);
    await asOwnerRole(async (client) => {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.current_tenant', $1, true)", [id]);
      await client.query(
        `INSERT INTO users (clinic_id, id, email, name, role)
         VALUES ($1, gen_random_uuid(), $2, 'Final Owner', 'OWNER')`,
        [id, ownerEmail],
      );
      await client.query('COMMIT');
    });
    const exportDir = await mkdtemp(path.join(tmpdir(), 'eventora-e2e-final-'));
    try {
      await closeClinic(
        slug,
        {
          exportDir,
          graceDays: 30,
          reason: 'E2E: contract ended',
          store: localBackupStore(runEnv('backupStore')),
        },
        { ownerUrl, signingKey: ARCHIVE_SIGNING_KEY_FOR_E2E },
      );
      await signInToConsole(page);
      await page.goto(`${console_}/clinics/${id}`);
      const panel = page.getByRole('region', { name: 'Offboarding' });
      await panel.getByRole('button', { name: 'Send download link to owners' }).click();
      await expect(panel.getByText('Download link')).toBeVisible({ timeout: 30_000 });
      const link = await mailedExportLink(ownerEmail);
      expect(link.startsWith(`${console_}/final-export/${slug}/`)).toBe(true);

      // The owner opens the link, signed in nowhere: the archive downloads, and it verifies.
      const owner = await page.context().browser()!.newContext();
      const ownerPage = await owner.newPage();
      const downloads: string[] = [];
      ownerPage.on('download', (download) => void downloads.push(download.url()));
      const downloading = ownerPage.waitForEvent('download');
      // A navigation that ends in a download reports itself aborted.
      await ownerPage.goto(link).catch(() => undefined);
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^${slug}-final-export-\\d{4}-\\d{2}-\\d{2}\\.tar$`),
      );
      const file = path.join(exportDir, 'downloaded.tar');
      await download.saveAs(file);
      const manifest = await verifyArchive(file, ARCHIVE_SIGNING_KEY_FOR_E2E);
      expect(manifest.clinic).toMatchObject({ id, slug });

      // One character of the token changed: a page saying not found, no download.
      const token = link.split('/').at(-1)!;
      const wrong = `${link.slice(0, -token.length)}${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`;
      const refused = await ownerPage.goto(wrong);
      expect(refused?.status()).toBe(404);
      await expect(ownerPage.getByText('Not found.')).toBeVisible();

      // The right link, once expired: the same refusal.
      await asOwnerRole((client) =>
        client.query(
          "UPDATE clinic_export_links SET expires_at = now() - interval '1 minute' WHERE target_clinic_id = $1",
          [id],
        ),
      );
      const expired = await ownerPage.goto(link);
      expect(expired?.status()).toBe(404);
      await expect(ownerPage.getByText('Not found.')).toBeVisible();
      expect(downloads).toHaveLength(1);
      await owner.close();
    } finally {
      await rm(exportDir, { recursive: true, force: true });
    }
  });
});
