import { readFile } from 'node:fs/promises';

import { expect, test, type Locator, type Page } from '@playwright/test';
import pg from 'pg';

import { expectNoSeriousViolations } from '../../src/axe';
import { portalOrigin, runEnv } from '../../src/run-env';
import { PHONE } from './a11y-helpers';
import { portalApiAs, signInToPortal } from './portal-helpers';

const alpha = portalOrigin('alpha');

// axe walks the page several times and the report reads a month of the demo clinic.
test.setTimeout(180_000);

interface Expected {
  from: string;
  to: string;
  currency: string;
  all: number;
  completed: number;
  booked: number;
  noShow: number;
  cancelled: number;
  transfer: { cents: number; count: number };
}

/**
 * alpha's figures for the last 7 days on its own calendar, counted here from the rows with the
 * superuser (no RLS, no app code): what the page must show. The clinic is named in every
 * statement, so beta's payment below is not counted here either.
 */
async function expectedFigures(): Promise<Expected> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const {
      rows: [range],
    } = await client.query<{ from: string; to: string; currency: string }>(
      `SELECT to_char((now() AT TIME ZONE timezone)::date - 6, 'YYYY-MM-DD') AS "from",
              to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS "to", currency
         FROM clinics WHERE slug = 'alpha'`,
    );
    const inRange = (column: string) =>
      `(${column} AT TIME ZONE c.timezone)::date BETWEEN $1::date AND $2::date`;
    const {
      rows: [counts],
    } = await client.query<Omit<Expected, 'from' | 'to' | 'currency' | 'transfer'>>(
      `SELECT count(*) FILTER (WHERE r.status::text IN ('booked', 'completed', 'no_show', 'cancelled'))::int AS "all",
              count(*) FILTER (WHERE r.status::text = 'completed')::int AS "completed",
              count(*) FILTER (WHERE r.status::text = 'booked')::int AS "booked",
              count(*) FILTER (WHERE r.status::text = 'no_show')::int AS "noShow",
              count(*) FILTER (WHERE r.status::text = 'cancelled')::int AS "cancelled"
         FROM reservations r JOIN clinics c ON c.id = r.clinic_id
        WHERE c.slug = 'alpha' AND ${inRange('r.starts_at')}`,
      [range!.from, range!.to],
    );
    const {
      rows: [transfer],
    } = await client.query<{ cents: string; count: number }>(
      `SELECT coalesce(sum(p.amount_cents), 0)::text AS cents, count(*)::int AS count
         FROM payments p JOIN clinics c ON c.id = p.clinic_id
        WHERE c.slug = 'alpha' AND p.method::text = 'transfer' AND ${inRange('p.created_at')}`,
      [range!.from, range!.to],
    );
    return {
      ...range!,
      ...counts!,
      transfer: { cents: Number(transfer!.cents), count: transfer!.count },
    };
  } finally {
    await client.end();
  }
}

/** A client of a clinic, by email, straight from the rows. */
async function clientId(slug: string, email: string): Promise<string> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT u.id FROM users u JOIN clinics c ON c.id = u.clinic_id
        WHERE c.slug = $1 AND u.email = $2`,
      [slug, email],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

/** Records a bank transfer at the desk, as the clinic's receptionist, on a client's account. */
async function recordTransfer(slug: string, amountCents: number): Promise<void> {
  const { api, as } = await portalApiAs(slug, `staff@${slug}.test`);
  const paid = await api.mutation(
    'desk.recordPayment',
    {
      clientId: await clientId(slug, `client@${slug}.test`),
      amountCents,
      method: 'transfer',
      reference: 'e2e reports',
    },
    as,
  );
  expect(paid.status, JSON.stringify(paid.error)).toBe(200);
  await api.dispose();
}

const count = (value: number) => new Intl.NumberFormat('en').format(value);

const percent = (part: number, whole: number) =>
  whole > 0
    ? new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
        part / whole,
      )
    : '—';

/** A headline tile's figure, by its label. */
const tile = (page: Page, label: string): Locator =>
  page
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd')
    .first();

async function screenshot(page: Page, name: string) {
  await test.info().attach(`${name}-${page.viewportSize()?.width}px.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

test('an owner sees the last 7 days as counted from the rows, reads them as tables, downloads the same figures as CSV', async ({
  page,
}) => {
  // Money the test takes: a transfer at alpha, and a larger one at beta the same day, which
  // must move nothing of alpha's.
  await recordTransfer('alpha', 123_457);
  await recordTransfer('beta', 999_999);
  const expected = await expectedFigures();
  expect(expected.transfer.cents).toBeGreaterThanOrEqual(123_457);
  // The demo clinic's lively schedule has sessions every day: the charts have something to show.
  expect(expected.all).toBeGreaterThan(0);
  const money = (cents: number) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: expected.currency }).format(
      cents / 100,
    );

  await page.context().addCookies([{ name: 'locale', value: 'en', url: alpha }]);
  await signInToPortal(page, 'alpha', 'owner@alpha.test');
  await page.goto(`${alpha}/staff`);
  await page
    .getByRole('navigation', { name: 'Staff' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByText(/on the clinic's calendar/)).toBeVisible();

  await expect(tile(page, 'Bookings')).toHaveText(count(expected.all));
  await expect(tile(page, 'Cancellation rate')).toHaveText(
    percent(expected.cancelled, expected.all),
  );
  await expect(tile(page, 'No-show rate')).toHaveText(
    percent(expected.noShow, expected.noShow + expected.completed),
  );
  const revenue = page.getByRole('region', { name: 'Revenue by payment method', exact: true });
  // The chart speaks its figures: the transfer total among them.
  await expect(revenue.getByRole('img')).toHaveAccessibleName(
    new RegExp(`Bank transfer ${money(expected.transfer.cents).replace(/[$.]/g, '\\$&')}`),
  );
  await expectNoSeriousViolations(page, 'reports-charts');
  await screenshot(page, 'reports');

  // The table alternative of each chart; the revenue's carries the transfer the test made.
  await revenue.getByRole('button', { name: 'Show as table' }).click();
  await expect(revenue.getByRole('button', { name: 'Show as table' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const transferRow = revenue.getByRole('row').filter({ hasText: 'Bank transfer' });
  await expect(transferRow.getByRole('cell')).toHaveText([
    'Bank transfer',
    String(expected.transfer.count),
    money(expected.transfer.cents),
  ]);
  const bookings = page.getByRole('region', { name: 'Bookings per day', exact: true });
  await bookings.getByRole('button', { name: 'Show as table' }).click();
  await expect(bookings.getByRole('row')).toHaveCount(1 + 7 + 1); // header, 7 days, totals
  await expect(bookings.getByRole('row').last().locator('th, td')).toHaveText([
    'Total',
    ...[expected.completed, expected.booked, expected.noShow, expected.cancelled, expected.all].map(
      count,
    ),
  ]);
  for (const name of ['Utilisation per therapist', 'Utilisation per branch']) {
    const region = page.getByRole('region', { name, exact: true });
    await region.getByRole('button', { name: 'Show as table' }).click();
    await expect(region.getByRole('columnheader', { name: 'Utilisation' })).toBeVisible();
  }
  await expectNoSeriousViolations(page, 'reports-tables');

  // The CSV holds the same figures for the same range.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`report-${expected.from}-${expected.to}.csv`);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('section,id,item,metric,value,currency');
  // A figure without a currency leaves the last column empty.
  expect(lines).toContain(`range,,${expected.from}..${expected.to},group_by,day,`);
  expect(lines).toContain(`totals,,all,reservations,${expected.all},`);
  expect(lines).toContain(`totals,,all,cancelled,${expected.cancelled},`);
  expect(lines).toContain(`totals,,all,no_show,${expected.noShow},`);
  expect(lines).toContain(
    `revenue,,transfer,amount,${expected.transfer.cents / 100},${expected.currency}`,
  );
  expect(lines).toContain(
    `revenue,,transfer,payments,${expected.transfer.count},${expected.currency}`,
  );
  await test.info().attach('report.csv', { body: bytes, contentType: 'text/csv' });

  // On a phone: the same page, one column, still no serious violations.
  await page.setViewportSize(PHONE);
  await expect(tile(page, 'Bookings')).toHaveText(count(expected.all));
  await expectNoSeriousViolations(page, 'reports-phone');
  await screenshot(page, 'reports');
});

test('a receptionist has no Reports item, is sent away from the page, and the API refuses them', async ({
  page,
}) => {
  await signInToPortal(page, 'alpha', 'staff@alpha.test');
  await page.goto(`${alpha}/staff`);
  const nav = page.getByRole('navigation', { name: 'Staff' });
  await expect(nav.getByRole('link', { name: 'Clients' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Reports' })).toHaveCount(0);

  await page.goto(`${alpha}/staff/reports`);
  await expect(page).toHaveURL(`${alpha}/staff`);
  await expect(page.getByRole('heading', { name: 'Reports' })).toHaveCount(0);

  const { api, as } = await portalApiAs('alpha', 'staff@alpha.test');
  const range = { from: '2026-01-01', to: '2026-01-31' };
  for (const procedure of ['report.summary', 'report.csv']) {
    const refused = await api.query(procedure, range, as);
    expect(refused.status, procedure).toBe(403);
    expect(refused.data, procedure).toBeUndefined();
  }
  await api.dispose();
});
