import { randomBytes } from 'node:crypto';

import { expect, test } from '@playwright/test';
import pg from 'pg';

import { expectNoSeriousViolations } from '../../src/axe';
import { portalOrigin, runEnv } from '../../src/run-env';
import { newClientWithPackage, PHONE } from './a11y-helpers';
import { openAroundTheClock, portalApiAs } from './portal-helpers';

const alpha = portalOrigin('alpha');
const ZONE = 'America/Mexico_City';

test.use({ viewport: PHONE });
// axe walks the page at each step, on a loaded machine.
test.setTimeout(180_000);

/** Today's date on the branch's calendar, plus `days`, as `2026-12-08`. */
function dayKey(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant a local time of a day happens on the branch's clock. */
function localInstant(key: string, hour: number): Date {
  const guess = new Date(`${key}T${String(hour).padStart(2, '0')}:00:00Z`);
  const shown = new Date(guess.toLocaleString('en-US', { timeZone: ZONE, hour12: false }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC', hour12: false }));
  return new Date(guess.getTime() - (shown.getTime() - utc.getTime()));
}

/** The day strip's label of a day: `Tuesday, December 8`. */
const longDay = (key: string) =>
  new Intl.DateTimeFormat('en', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${key}T12:00:00Z`));

async function clientIdOf(email: string): Promise<string> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT u.id FROM users u JOIN clinics c ON c.id = u.clinic_id
        WHERE c.slug = 'alpha' AND u.email = $1`,
      [email],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

test('a client books a weekly series on a phone, sees the taken week listed, books the rest, then cancels this and all following', async ({
  page,
}) => {
  const suffix = randomBytes(3).toString('hex');
  // A branch and therapist of this test's own, open around the clock, so the dates are free
  // whatever day the suite runs, except the one the test takes first.
  const staff = await portalApiAs('alpha', 'staff@alpha.test');
  const { api, as } = staff;
  const branchName = `Series branch ${suffix}`;
  const therapistName = `Series Therapist ${suffix}`;
  const { branchId, therapistId } = await openAroundTheClock(staff, {
    branch: branchName,
    therapist: therapistName,
    timezone: ZONE,
  });

  // The series: 10:00 two days from now, weekly, 4 times. The second week is taken first.
  const first = dayKey(2);
  const taken = await api.mutation(
    'reservation.create',
    {
      therapistId,
      branchId,
      startsAt: localInstant(dayKey(9), 10),
      clientId: await clientIdOf('client@alpha.test'),
      payAtDesk: true,
    },
    as,
  );
  expect(taken.status, JSON.stringify(taken.error)).toBe(200);
  await api.dispose();

  await newClientWithPackage(page.context());
  await page.goto(`${alpha}/book`);
  await page.getByText(branchName).click();
  await page.getByText(therapistName).click();
  await page
    .getByRole('radiogroup', { name: 'Day' })
    .getByRole('radio', { name: new RegExp(`^${longDay(first)},`) })
    .click();
  await page
    .getByRole('radiogroup', { name: 'Available times' })
    .getByRole('radio', { name: '10:00 AM', exact: true })
    .click();
  await page.getByRole('button', { name: 'Continue' }).click();

  const dialog = page.getByRole('dialog', { name: 'Confirm your booking' });
  await expect(dialog).toHaveCSS('opacity', '1');
  await dialog.getByLabel('Repeat this booking', { exact: true }).check();
  await expect(dialog.getByLabel('Every', { exact: true })).toHaveValue('1');
  await dialog.getByLabel('for', { exact: true }).fill('4');
  const dates = dialog.getByRole('list', { name: 'Sessions of the series' }).getByRole('listitem');
  await expect(dates).toHaveCount(4);
  for (const [index, week] of [0, 7, 14, 21].entries()) {
    await expect(dates.nth(index)).toContainText(longDay(dayKey(2 + week)));
    await expect(dates.nth(index)).toContainText('10:00 AM');
  }
  await expect(dates.nth(1)).toContainText('Not available:');
  for (const index of [0, 2, 3]) await expect(dates.nth(index)).toContainText('Free');
  await expect(dialog.getByText('1 of the dates can’t be booked.')).toBeVisible();
  await expectNoSeriousViolations(page, 'recurring-preview');

  await dialog.getByRole('button', { name: 'Book the 3 free sessions' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'Booked 3 sessions of the series. Not booked: 1 (listed above).',
  );
  await expectNoSeriousViolations(page, 'recurring-booked');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`${alpha}/bookings`);
  const sessions = page.getByRole('article').filter({ hasText: therapistName });
  await expect(sessions).toHaveCount(3);
  for (const [index, week] of [0, 14, 21].entries()) {
    await expect(sessions.nth(index)).toHaveAccessibleName(
      `${longDay(dayKey(2 + week))}, 10:00 AM with ${therapistName}`,
    );
    await expect(sessions.nth(index)).toContainText('Booked');
    await expect(sessions.nth(index)).toContainText('Series');
  }
  await expectNoSeriousViolations(page, 'recurring-my-bookings');

  // Cancelling the second booked session and all after it leaves the first one booked.
  await sessions.nth(1).getByRole('button', { name: 'Cancel' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this session?' });
  await expect(cancel).toHaveCSS('opacity', '1');
  await expect(cancel.getByText('This session is part of a series.')).toBeVisible();
  await expectNoSeriousViolations(page, 'recurring-cancel-dialog');
  await cancel.getByRole('button', { name: 'This and all following' }).click();
  await expect(cancel).toBeHidden();
  await expect(sessions.nth(0)).toContainText('Booked');
  for (const index of [1, 2]) await expect(sessions.nth(index)).toContainText('Cancelled');
});
