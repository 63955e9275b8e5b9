import { expect, type Page } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';
import { portalOrigin } from '../../src/run-env';

export const DEMO_PASSWORD = 'eventora-demo-2026';

/** Signs in through a clinic portal's own sign-in page. */
export async function signInToPortal(
  page: Page,
  slug: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${portalOrigin(slug)}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** A clinic portal's tRPC endpoint with a signed-in user's session cookie, for test set-up. */
export async function portalApiAs(
  slug: string,
  email: string,
): Promise<{ api: TrpcHttp; as: Record<string, string> }> {
  const api = TrpcHttp.portal(slug);
  const signedIn = await api.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email,
    password: DEMO_PASSWORD,
  });
  expect(signedIn.status, `sign-in of ${email}`).toBe(200);
  return { api, as: { cookie: `eventora_session=${signedIn.data!.token}` } };
}

const EVERY_WEEKDAY = [0, 1, 2, 3, 4, 5, 6];

/**
 * A branch and a therapist of the test's own, open around the clock every day, so a journey
 * finds free times whatever hour and day the suite runs (the demo clinic's hours may be over).
 */
export async function openAroundTheClock(
  { api, as }: { api: TrpcHttp; as: Record<string, string> },
  names: { branch: string; therapist: string; timezone: string },
): Promise<{ branchId: string; therapistId: string }> {
  const branch = await api.mutation<{ id: string }>(
    'branch.create',
    {
      name: names.branch,
      address: null,
      timezone: names.timezone,
      openingHours: EVERY_WEEKDAY.map((weekday) => ({ weekday, opensAt: 0, closesAt: 1440 })),
    },
    as,
  );
  expect(branch.status, JSON.stringify(branch.error)).toBe(200);
  const therapist = await api.mutation<{ id: string }>(
    'therapist.create',
    {
      name: names.therapist,
      sessionMinutes: 30,
      branches: [
        {
          branchId: branch.data!.id,
          shifts: EVERY_WEEKDAY.map((weekday) => ({ weekday, startsAt: 0, endsAt: 1440 })),
        },
      ],
    },
    as,
  );
  expect(therapist.status, JSON.stringify(therapist.error)).toBe(200);
  return { branchId: branch.data!.id, therapistId: therapist.data!.id };
}

/**
 * A signed-in client who has not accepted the clinic's current privacy notice is sent to it.
 * Whether the demo client has accepted depends on which spec ran first, so journeys that only
 * need a client past the notice accept it here. The notice page is rendered on the server, so
 * the button is there at load or not at all.
 */
export async function acceptPrivacyNoticeIfAsked(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/privacy?next=/book`);
  const accept = page.getByRole('button', { name: 'I accept this privacy notice' });
  if (await accept.isVisible()) {
    await accept.click();
    await expect(page).toHaveURL(`${origin}/book`);
  }
}

/**
 * The booking page offers at least one free time. When it does not, the failure quotes what the
 * client saw instead (an error, a notice, an empty day), which a CI log otherwise loses.
 */
export async function expectFreeTimes(page: Page): Promise<void> {
  const firstTime = page
    .getByRole('radiogroup', { name: 'Available times' })
    .getByRole('radio')
    .first();
  try {
    await expect(firstTime).toBeVisible();
  } catch (error) {
    const seen = await page
      .locator('main')
      .innerText()
      .catch(() => '(no main element)');
    throw new Error(`No free time offered. The page showed:\n${seen.slice(0, 3000)}`, {
      cause: error,
    });
  }
}
