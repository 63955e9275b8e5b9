import { expect, test } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';
import { attachScreenshot, operatorApi, signInToConsole } from './console-helpers';

const REASON = 'E2E ticket 4711: client says her booking vanished';

test('break-glass reads are read-only, end on demand, and show up in the clinic’s own audit log', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInToConsole(page);
  await page.getByRole('link', { name: 'alpha', exact: true }).click();
  await page.getByRole('button', { name: 'Open data access…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('5 min', { exact: true }).click();
  await dialog.getByLabel('Reason').fill(REASON);
  await dialog.getByRole('button', { name: 'Open read-only access' }).click();

  await expect(page).toHaveURL(/\/access\//);
  const grantId = page.url().split('/access/')[1]!;
  await expect(page.getByText('Ends in')).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('tab', { name: 'People' }).click();
  await expect(page.getByRole('cell', { name: /••••@/ }).first()).toBeVisible();
  await attachScreenshot(page, 'console-break-glass');

  // Alpha's owner sees who looked, at what and why, in the portal's audit log.
  const alpha = await TrpcHttp.portal('alpha');
  const owner = await alpha.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email: 'owner@alpha.test',
    password: 'eventora-demo-2026',
  });
  const session = { cookie: `eventora_session=${owner.data!.token}` };
  const entries = async (action: string) => {
    const answer = await alpha.query<{
      items: { actorType: string; reason: string | null; entityType: string | null }[];
    }>('audit.list', { action, limit: 100 }, session);
    expect(answer.status).toBe(200);
    return answer.data!.items.filter((entry) => entry.reason === REASON);
  };
  expect(await entries('platform.access_opened')).toHaveLength(1);
  expect((await entries('platform.access')).length).toBeGreaterThanOrEqual(2);
  const reads = await entries('platform.operation');
  expect(reads.map((entry) => entry.entityType)).toEqual(
    expect.arrayContaining(['Reservation', 'User']),
  );
  expect(reads.every((entry) => entry.actorType === 'platform')).toBe(true);

  await page.getByRole('button', { name: 'End access now' }).click();
  await expect(page.getByText('This access has ended')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Reservations' })).toBeHidden();

  // Ended is ended, from any session of the operator, over the API too.
  const { api, cookie } = await operatorApi();
  const refused = await api.query('admin.access.reservations', { grantId }, cookie);
  expect(refused.status).toBe(403);
  expect(refused.error?.code).toBe('FORBIDDEN');
  await alpha.dispose();
  await api.dispose();
});
