import { randomBytes, randomUUID } from 'node:crypto';

import { expect, test } from '@playwright/test';
import pg from 'pg';

import { runEnv } from '../../src/run-env';
import { attachScreenshot, signInToConsole } from './console-helpers';

async function sql<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test('an operator sees a database server with its clinic and live connections, drains it with a reason, and cannot close it while it holds a clinic', async ({
  page,
}) => {
  // Two dialogs and a database created and dropped: more than the default on a loaded machine.
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString('hex');
  const server = `e2e-${tag}`;
  const slug = `e2esrv${tag}`;
  const database = `eventora_clinic_${slug}`;
  const clinicId = randomUUID();
  // A registered server whose secret the console holds: the e2e database's own server, behind
  // DATABASE_OWNER_URL. A database-mode clinic placed there (suspended: no job touches it) and
  // one session held open on its database.
  await sql(`CREATE DATABASE ${database}`);
  const session = new pg.Client({ connectionString: withDatabase(runEnv('adminUrl'), database) });
  try {
    await sql(
      `INSERT INTO database_servers (name, url_ref, region, capacity)
       VALUES ($1, 'DATABASE_OWNER_URL', 'eu-e2e', 4)`,
      [server],
    );
    await sql(
      `INSERT INTO clinics (id, slug, name, mode, database_url_ref, database_server, status)
       VALUES ($1, $2, 'Placed for the servers spec', 'database', $3, $4, 'suspended')`,
      [clinicId, slug, `CLINIC_${slug.toUpperCase()}_DATABASE_URL`, server],
    );
    await session.connect();

    await signInToConsole(page);
    await page.getByRole('link', { name: 'Servers' }).click();
    await expect(page).toHaveURL(/\/servers$/);
    const panel = page.getByRole('region', { name: new RegExp(server) });
    await expect(panel).toContainText('open');
    await expect(panel).toContainText('Region eu-e2e · 1 of 4 clinics');
    await expect(panel).toContainText(/\d+ live connections/);
    const row = panel.getByRole('row').filter({ hasText: slug });
    await expect(row).toContainText('Placed for the servers spec');
    await expect(row.getByRole('cell').last()).toHaveText('1');
    await expect(row.getByRole('link', { name: slug })).toHaveAttribute(
      'href',
      `/clinics/${clinicId}`,
    );
    // No URL or secret reaches the page.
    await expect(page.locator('main')).not.toContainText('postgresql://');
    await expect(page.locator('main')).not.toContainText('DATABASE_OWNER_URL');
    await attachScreenshot(page, 'console-servers');

    await panel.getByRole('button', { name: `Drain ${server}` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('takes no new one');
    await dialog.getByRole('button', { name: 'Drain server' }).click();
    await expect(dialog.getByText('Say why (10 characters at least).')).toBeVisible();
    await dialog.getByLabel('Reason').fill('E2E: the machine is being replaced');
    await dialog.getByRole('button', { name: 'Drain server' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText('draining');
    expect(
      await sql(
        `SELECT action, reason, metadata->>'to' AS "to" FROM platform_audit_logs
          WHERE metadata->>'server' = $1`,
        [server],
      ),
    ).toEqual([
      {
        action: 'database_server.drain',
        reason: 'E2E: the machine is being replaced',
        to: 'draining',
      },
    ]);

    // Closing a server that holds a clinic is refused, with why, and changes nothing.
    await panel.getByRole('button', { name: `Close ${server}` }).click();
    await dialog.getByLabel('Reason').fill('E2E: closing it too early');
    await dialog.getByRole('button', { name: 'Close server' }).click();
    await expect(dialog).toContainText('still holds 1 clinic');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toContainText('draining');
    expect(await sql('SELECT state::text FROM database_servers WHERE name = $1', [server])).toEqual(
      [{ state: 'draining' }],
    );
  } finally {
    await session.end().catch(() => undefined);
    await sql('DELETE FROM clinics WHERE id = $1', [clinicId]);
    await sql('DELETE FROM database_servers WHERE name = $1', [server]);
    await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
});

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
