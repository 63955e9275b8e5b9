import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';
import pg from 'pg';

import { demoTarget } from '../../src/demo-targets';
import { runEnv } from '../../src/run-env';
import { console_, signInToConsole } from './console-helpers';

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test("an operator retries a clinic's dead job from the Jobs page, with a reason both audit logs keep", async ({
  page,
}) => {
  const beta = await demoTarget('beta');
  // A job that used up its attempts, as the worker leaves one: a no-op, so the retry runs
  // without touching beta's data.
  const error = `E2E:Dead${randomBytes(3).toString('hex')}`;
  const [job] = await sql<{ id: string }>(
    `INSERT INTO pgboss.job (name, data, state, retry_count, output, started_on, completed_on)
     VALUES ('bench.noop', jsonb_build_object('clinicId', $1::text), 'failed', 2,
             jsonb_build_object('error', $2::text), now(), now())
     RETURNING id::text`,
    [beta.clinic.id, error],
  );

  await signInToConsole(page);
  await page.getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole('heading', { name: 'Queues' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: error });
  await expect(row).toContainText('beta');
  await expect(row).toContainText('bench.noop');

  await row.getByRole('button', { name: /^Retry/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('of beta');
  await dialog.getByRole('button', { name: 'Retry job' }).click();
  await expect(dialog.getByText('Say why (10 characters at least).')).toBeVisible();
  await dialog.getByLabel('Reason').fill('E2E: the relay is back, run it again');
  await dialog.getByRole('button', { name: 'Retry job' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: error })).toHaveCount(0);

  // The worker runs it again, for beta.
  await expect
    .poll(
      async () =>
        (
          await sql<{ state: string }>('SELECT state::text FROM pgboss.job WHERE id = $1', [
            job!.id,
          ])
        )[0]?.state,
      { timeout: 30_000 },
    )
    .toBe('completed');
  expect(
    await sql(
      `SELECT target_clinic_id::text AS clinic, reason FROM platform_audit_logs
        WHERE action = 'job.retry' AND metadata->>'jobId' = $1`,
      [job!.id],
    ),
  ).toEqual([{ clinic: beta.clinic.id, reason: 'E2E: the relay is back, run it again' }]);
  expect(
    await sql(
      `SELECT reason FROM audit_logs
        WHERE clinic_id = $1 AND action = 'platform.job_retried' AND entity_id = $2`,
      [beta.clinic.id, job!.id],
    ),
  ).toEqual([{ reason: 'E2E: the relay is back, run it again' }]);

  // The clinic's page has the same section, scoped to it.
  await page.goto(`${console_}/clinics/${beta.clinic.id}`);
  await expect(page.getByRole('heading', { name: 'Jobs', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Last runs' })).toBeVisible();
});
