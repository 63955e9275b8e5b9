import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';
import { provisionClinic } from '@eventora/tenancy';
import { backupClinic, localBackupStore } from '@eventora/tenancy/backups';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { closeClinic } from '@eventora/tenancy/offboarding';

import { ARCHIVE_SIGNING_KEY_FOR_E2E, runEnv } from '../../src/run-env';
import { console_, signInToConsole } from './console-helpers';

const REASON = 'E2E: an operator rehearses the clinic data lifecycle';
const run = randomBytes(3).toString('hex');

async function clinicId(slug: string): Promise<string> {
  const client = new pg.Client({ connectionString: runEnv('ownerUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM clinics WHERE slug = $1', [
      slug,
    ]);
    return rows[0]!.id;
  } finally {
    await client.end();
  }
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
});
