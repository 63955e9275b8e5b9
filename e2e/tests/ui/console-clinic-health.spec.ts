import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';
import pg from 'pg';

import { runEnv, TRACE_UI_URL_FOR_E2E } from '../../src/run-env';
import { console_, operatorApi, signInToConsole } from './console-helpers';

/** The UTC day `daysAgo` days before today, as the rollup keys it. */
function utcDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

test("a clinic's page charts its calls' latency p95 and error rates from the daily rollup, with a link to its traces", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A clinic of this test's own, so the rollup rows below move no other suite's figures.
  const slug = `e2e-health-${randomBytes(3).toString('hex')}`;
  const { api, cookie } = await operatorApi();
  const created = await api.mutation<{ id: string }>(
    'admin.clinic.create',
    {
      slug,
      name: 'E2E Health Clinic',
      mode: 'shared',
      ownerEmail: `owner@${slug}.test`,
      ownerName: 'Hana Owner',
    },
    cookie,
  );
  expect(created.error?.message ?? 'created').toBe('created');
  const clinicId = created.data!.id;

  // Two days as the worker's usage rollup writes them (its computation has its own tests).
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO clinic_usage_daily
         (day, target_clinic_id, api_requests, api_errors, api_server_errors, latency_p95_ms)
       VALUES ($2::date, $1, 400, 20, 4, 182.5), ($3::date, $1, 200, 1, 0, 96)`,
      [clinicId, utcDay(2), utcDay(1)],
    );
  } finally {
    await client.end();
  }

  await signInToConsole(page);
  await page.goto(`${console_}/clinics/${clinicId}`);
  const health = page.getByRole('region', { name: 'Health' });

  const traces = health.getByRole('link', { name: 'Open the clinic’s traces' });
  // The panel counts the clinic's live figures first: give it time on a loaded machine.
  await expect(traces).toHaveAttribute(
    'href',
    TRACE_UI_URL_FOR_E2E.replace('{clinicId}', clinicId),
    {
      timeout: 30_000,
    },
  );

  // The charts' figures, read from their table alternatives.
  await health.getByText('Latency p95 per day: as a table').click();
  const latency = health.getByRole('table').filter({ has: page.getByText('p95') });
  await expect(latency.getByRole('row').filter({ hasText: utcDay(2) })).toContainText('182.5 ms');
  await expect(latency.getByRole('row').filter({ hasText: utcDay(1) })).toContainText('96 ms');

  await health.getByText('Error rate per day: as a table').click();
  const rates = health.getByRole('table').filter({ has: page.getByText('Server errors') });
  const busyDay = rates.getByRole('row').filter({ hasText: utcDay(2) });
  await expect(busyDay).toContainText('5 %'); // 20 of 400 calls failed
  await expect(busyDay).toContainText('1 %'); // 4 of 400 were server errors
  await expect(rates.getByRole('row').filter({ hasText: utcDay(1) })).toContainText('0.5 %');

  // The fleet page's bars per clinic have every bar's figures in a table. Live call counts as
  // the request recorder keeps them, far above any other clinic's in a test run, put this
  // clinic first.
  const recorder = new pg.Client({ connectionString: runEnv('adminUrl') });
  await recorder.connect();
  try {
    await recorder.query(
      `INSERT INTO api_request_stats (day, target_clinic_id, procedure_kind, requests, errors, server_errors)
       VALUES ($2::date, $1, 'query', 9000000, 12345, 6)`,
      [clinicId, utcDay(1)],
    );
  } finally {
    await recorder.end();
  }
  await page.goto(`${console_}/health`);
  const perClinic = page.getByRole('figure').filter({
    has: page.getByText('API calls and errors per clinic: as a table'),
  });
  await perClinic.getByText('API calls and errors per clinic: as a table').click();
  const bars = perClinic.getByRole('table');
  await expect(bars.getByRole('columnheader')).toHaveText(['Clinic', 'Calls', 'Errors']);
  await expect(bars.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    slug,
    '9,000,000',
    '12,345',
  ]);
});
