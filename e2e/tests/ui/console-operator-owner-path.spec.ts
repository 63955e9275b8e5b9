import pg from 'pg';
import { expect, test, type Page } from '@playwright/test';

import { demoTarget } from '../../src/demo-targets';
import { runEnv } from '../../src/run-env';
import { console_, signInToConsole } from './console-helpers';

/*
 * Issue 11, item 1, end to end on the production builds (failed on main: retrying beta's
 * provisioning from a signed-in console created an OWNER for the operator's email, and a
 * "new clinic" whose slug was beta's id added one to beta, with nothing in beta's log).
 */

interface ClinicState {
  users: string[];
  entries: { action: string; actor_type: string }[];
}

async function stateOf(slug: string): Promise<ClinicState> {
  const target = await demoTarget(slug);
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const schema = client.escapeIdentifier(target.schema);
    const users = await client.query<{ email: string }>(
      `SELECT email FROM ${schema}.users WHERE clinic_id = $1 ORDER BY email`,
      [target.clinic.id],
    );
    const entries = await client.query<{ action: string; actor_type: string }>(
      `SELECT action, actor_type::text FROM ${schema}.audit_logs WHERE clinic_id = $1 ORDER BY seq`,
      [target.clinic.id],
    );
    return { users: users.rows.map((row) => row.email), entries: entries.rows };
  } finally {
    await client.end();
  }
}

/** Calls a console procedure from the signed-in page itself: its cookie, its origin. */
function consoleMutation(page: Page, path: string, input: unknown) {
  return page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/api/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: input }),
      });
      const body = (await response.json()) as { error?: { json: { data: { code: string } } } };
      return { status: response.status, code: body.error?.json.data.code ?? null };
    },
    { path, input },
  );
}

test("a signed-in operator cannot retry or create their way into beta's owners", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const beta = await demoTarget('beta');
  const before = await stateOf('beta');
  await signInToConsole(page);

  // The onboarding form: beta's address is taken, and beta's id is not an address at all.
  await page.goto(`${console_}/clinics/new`);
  await page.getByLabel('Clinic name').fill('Beta Again');
  await page.getByLabel('Address').fill(beta.clinic.id);
  await page.getByLabel('First owner’s name').click();
  await expect(page.getByText('An address cannot look like a clinic id.')).toBeVisible();
  await page.getByLabel('Address').fill('beta');
  await page.getByLabel('First owner’s name').fill('Mallory');
  await page.getByLabel('First owner’s email').fill('mallory@evil.test');
  await page.getByRole('button', { name: 'Create clinic' }).click();
  await expect(page.getByText(/That address is taken|Already in use/).first()).toBeVisible();

  // The same calls without the form: refused by the API, not only by the page.
  expect(
    await consoleMutation(page, 'admin.clinic.create', {
      slug: 'beta',
      name: 'Beta Again',
      mode: 'shared',
      ownerEmail: 'mallory@evil.test',
      ownerName: 'Mallory',
    }),
  ).toEqual({ status: 409, code: 'CONFLICT' });
  expect(
    await consoleMutation(page, 'admin.clinic.create', {
      slug: beta.clinic.id,
      name: 'Beta Again',
      mode: 'shared',
      ownerEmail: 'mallory@evil.test',
      ownerName: 'Mallory',
    }),
  ).toEqual({ status: 400, code: 'BAD_REQUEST' });
  expect(
    await consoleMutation(page, 'admin.clinic.retryProvisioning', {
      slug: 'beta',
      ownerEmail: 'mallory@evil.test',
      ownerName: 'Mallory',
    }),
  ).toEqual({ status: 409, code: 'CONFLICT' });

  // Beta's users are as they were; its log gained exactly the two refusals, as the operator's.
  const after = await stateOf('beta');
  expect(after.users).toEqual(before.users);
  expect(after.users).not.toContain('mallory@evil.test');
  expect(after.entries.slice(0, before.entries.length)).toEqual(before.entries);
  expect(after.entries.slice(before.entries.length)).toEqual([
    { action: 'platform.clinic_create_refused', actor_type: 'platform' },
    { action: 'platform.provisioning_retry_refused', actor_type: 'platform' },
  ]);
});
