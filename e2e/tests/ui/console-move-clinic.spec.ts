import { randomBytes } from 'node:crypto';

import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';
import { loadMigrations } from '@eventora/tenancy/migrations';
import {
  cleanupMove,
  freezeRows,
  resumeMove,
  startMove,
  unfreezeRows,
  type MoveOptions,
} from '@eventora/tenancy/moves';
import { listTenantTables } from '@eventora/tenancy/tables';

import { portalOrigin, runEnv } from '../../src/run-env';
import { console_, signInToConsole } from './console-helpers';

const UPGRADING = 'This clinic is being upgraded — try again in a minute.';
const REASON = 'E2E: gamma grows, a rehearsal of the move';

const BRANCH = { alpha: 'Alpha Physio Centro', gamma: 'Gamma Rehab Chapinero' } as const;
type Slug = keyof typeof BRANCH;

async function withOwner<T>(
  work: (client: pg.Client) => Promise<T>,
  as: 'ownerUrl' | 'adminUrl' = 'ownerUrl',
): Promise<T> {
  const client = new pg.Client({ connectionString: runEnv(as) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function registry(slug: Slug) {
  return withOwner(async (owner) => {
    const { rows } = await owner.query<{ id: string; mode: string; schema: string }>(
      "SELECT id, mode, coalesce(schema_name, 'public') AS schema FROM clinics WHERE slug = $1",
      [slug],
    );
    return rows[0]!;
  });
}

async function moveOptions(): Promise<MoveOptions> {
  return {
    ownerUrl: runEnv('ownerUrl'),
    appUrl: runEnv('appUrl'),
    migrations: await loadMigrations(migrationsDir),
  };
}

/** Holds a freeze of the clinic's rows where it lives, as the move engine's freeze step does. */
async function setFrozen(slug: Slug, frozen: boolean): Promise<void> {
  const { id, schema } = await registry(slug);
  await withOwner(async (owner) => {
    await owner.query("SELECT set_config('app.current_tenant', $1, false)", [id]);
    const tables = await listTenantTables(owner, schema);
    if (frozen) await freezeRows(owner, schema, tables, id);
    else await unfreezeRows(owner, schema, tables, id);
  });
}

/** Five sessions of the clinic's first package for a new client, straight into its tables. */
async function grantPackage(slug: Slug, email: string): Promise<void> {
  const { schema } = await registry(slug);
  await withOwner(async (owner) => {
    const at = (table: string) => `${owner.escapeIdentifier(schema)}.${table}`;
    const { rowCount } = await owner.query(
      `INSERT INTO ${at('user_packages')}
         (id, clinic_id, user_id, package_id, credits_total, credits_left, expires_at, purchase_reference)
       SELECT gen_random_uuid(), u.clinic_id, u.id, p.id, 5, 5, now() + interval '90 days', 'manual:e2e-' || u.id
         FROM ${at('users')} u
         JOIN clinics c ON c.id = u.clinic_id AND c.slug = $2
         JOIN LATERAL (SELECT id FROM ${at('packages')}
                        WHERE clinic_id = u.clinic_id AND archived_at IS NULL
                        ORDER BY name LIMIT 1) p ON true
        WHERE u.email = $1`,
      [email, slug],
    );
    expect(rowCount).toBe(1);
    // The superuser: the front desk's grant, past row level security.
  }, 'adminUrl');
}

/** A new client of the clinic (signed up through its portal) with five sessions to book. */
async function newClient(browser: Browser, slug: Slug): Promise<Page> {
  const page = await browser.newPage();
  const email = `e2e-move-${randomBytes(4).toString('hex')}@example.test`;
  await page.goto(`${portalOrigin(slug)}/sign-up`);
  await page.getByLabel('Full name').fill('Morgan Mover');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('quiet lantern orbit 4417');
  await page.getByLabel('I have read and accept the privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/book/);
  await grantPackage(slug, email);
  return page;
}

/** Picks a slot `day` open days ahead (a day of its own per booking) and opens the confirmation. */
async function pickSlot(page: Page, slug: Slug, day: number) {
  await page.goto(`${portalOrigin(slug)}/book`);
  await expect(page.getByText('You have no sessions left')).toBeHidden();
  await page.getByText(BRANCH[slug]).click();
  await page.getByText('Any available therapist').click();
  await expect(page.getByRole('radiogroup', { name: 'Available times' })).toBeVisible();
  const days = page.getByRole('radiogroup', { name: 'Day' }).getByRole('radio');
  let open = 0;
  let picked = false;
  for (let i = 1; i < (await days.count()) && !picked; i++) {
    if (!(await days.nth(i).isEnabled())) continue;
    if (open++ < day) continue;
    await days.nth(i).click();
    picked = true;
  }
  expect(picked, `an open day ${day} days ahead at ${slug}`).toBe(true);
  const time = page.getByRole('radiogroup', { name: 'Available times' }).getByRole('radio').first();
  await time.click();
  await expect(time).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Continue' }).click();
  return page.getByRole('dialog', { name: 'Confirm your booking' });
}

async function book(page: Page, slug: Slug, day: number): Promise<void> {
  const dialog = await pickSlot(page, slug, day);
  await dialog.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
}

test.afterAll(async () => {
  // Gamma is the demo of a clinic in its own schema, and other specs use it: whatever happened
  // above, leave it unfrozen and back in clinic_gamma.
  await setFrozen('gamma', false);
  const gamma = await registry('gamma');
  if (gamma.mode === 'schema') return;
  const options = await moveOptions();
  await resumeMove('gamma', options).catch(() =>
    startMove({ slug: 'gamma', to: 'schema', actor: 'e2e', reason: REASON }, options),
  );
});

test('an operator moves gamma out of its schema and back from the console; its clients wait through the freeze, alpha’s never notice', async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const gamma = await registry('gamma');
  expect(gamma).toMatchObject({ mode: 'schema', schema: 'clinic_gamma' });
  const gammaClient = await newClient(browser, 'gamma');
  const alphaClient = await newClient(browser, 'alpha');

  // Before: both book.
  await book(gammaClient, 'gamma', 0);
  await book(alphaClient, 'alpha', 0);

  // The operator plans and starts the move to the shared tables.
  await signInToConsole(page);
  await page.goto(`${console_}/clinics/${gamma.id}`);
  await page.getByRole('button', { name: 'Move…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /Shared tables/ }).check();
  await expect(dialog.getByLabel('Plan')).toContainText(
    /schema clinic_gamma → shared: [\d,]+ rows/,
  );
  await expect(dialog.getByLabel('Plan')).toContainText(
    /Estimated \d+ s in all; writes frozen for about \d+ s/,
  );
  await expect(dialog.getByRole('cell', { name: 'reservations' })).toBeVisible();
  await dialog.getByLabel('Reason').fill(REASON);
  await dialog.getByRole('button', { name: 'Start the move' }).click();
  await expect(dialog).toBeHidden();
  // Alpha books while gamma moves.
  await book(alphaClient, 'alpha', 1);
  const history = page.getByRole('table', { name: 'Move history' });
  await expect(history.getByRole('row').nth(1)).toContainText('schema clinic_gamma → shared', {
    timeout: 60_000,
  });
  await expect(history.getByRole('row').nth(1)).toContainText('done', { timeout: 60_000 });
  await expect(page.getByText('Shared tables (row level security by clinic)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Roll back…' })).toBeVisible();

  // The freeze, held open (as the engine's freeze step holds it for the last changes): gamma's
  // client is told to try again, not shown an error; alpha's client books on.
  await setFrozen('gamma', true);
  try {
    const confirm = await pickSlot(gammaClient, 'gamma', 1);
    await confirm.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(confirm.getByText(UPGRADING)).toBeVisible();
    await expect(gammaClient.getByText('That time was just taken')).toBeHidden();
    await book(alphaClient, 'alpha', 2);
    for (const width of [375, 1280]) {
      await gammaClient.setViewportSize({ width, height: 812 });
      await test.info().attach(`gamma-frozen-${width}px`, {
        body: await gammaClient.screenshot({ fullPage: true }),
        contentType: 'image/png',
      });
    }
    await setFrozen('gamma', false);
    // The same confirmation, a moment later: booked.
    await confirm.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(gammaClient.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
  } finally {
    await setFrozen('gamma', false);
  }

  // Back: the operator rolls the move back within its window; gamma returns to its schema with
  // the booking made since.
  await page.getByRole('button', { name: 'Roll back…' }).click();
  const rollback = page.getByRole('dialog');
  await rollback.getByLabel('Reason').fill('E2E: the rehearsal is over, back to its schema');
  await rollback.getByRole('button', { name: 'Roll back', exact: true }).click();
  await expect(rollback).toBeHidden();
  await expect(history.getByRole('row').nth(1)).toContainText('(rollback)', { timeout: 60_000 });
  await expect(history.getByRole('row').nth(1)).toContainText('done', { timeout: 60_000 });
  await expect(history.getByRole('row').nth(2)).toContainText('rolled back');
  await expect(page.getByText('Own schema clinic_gamma')).toBeVisible();
  expect(await registry('gamma')).toMatchObject({ mode: 'schema', schema: 'clinic_gamma' });

  // After: gamma's client sees both bookings and books again; alpha's client books again.
  await gammaClient.goto(`${portalOrigin('gamma')}/bookings`);
  await expect(gammaClient.getByRole('article').filter({ hasText: 'Booked' })).toHaveCount(2);
  await book(gammaClient, 'gamma', 2);
  await book(alphaClient, 'alpha', 3);

  // The retained copy in the shared tables goes now, not in 7 days: other specs fingerprint them.
  await cleanupMove('gamma', { ...(await moveOptions()), force: true });
});
