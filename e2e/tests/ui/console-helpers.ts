import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';
import { consoleOrigin, runEnv } from '../../src/run-env';

export const OPERATOR = { email: 'admin@eventora.test', password: 'eventora-demo-2026' };
export const console_ = consoleOrigin();

/** Signs the demo operator in through the console's own sign-in page. */
export async function signInToConsole(page: Page): Promise<void> {
  await page.goto(`${console_}/sign-in`);
  await page.getByLabel('Email').fill(OPERATOR.email);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/clinics$/);
}

/** The console's tRPC endpoint, signed in as the demo operator (a platform session cookie). */
export async function operatorApi(): Promise<{ api: TrpcHttp; cookie: Record<string, string> }> {
  const api = await TrpcHttp.console();
  const signedIn = await api.mutation('admin.auth.signIn', OPERATOR);
  expect(signedIn.status).toBe(200);
  const token = /eventora_platform_session=([^;]+)/.exec(signedIn.setCookie ?? '')?.[1];
  expect(token).toBeTruthy();
  return { api, cookie: { cookie: `eventora_platform_session=${token}` } };
}

/**
 * The newest set-password mail to `email`, from the run's outbox (production builds mail the
 * link; only a development console shows it on screen).
 */
export async function setPasswordToken(email: string): Promise<string> {
  const outbox = runEnv('outbox');
  let token: string | undefined;
  await expect
    .poll(
      async () => {
        const files = (await readdir(outbox)).filter((file) => file.endsWith('.json')).sort();
        for (const file of files.reverse()) {
          const message = JSON.parse(await readFile(path.join(outbox, file), 'utf8')) as {
            to: string;
            token: string;
          };
          if (message.to === email) {
            token = message.token;
            return true;
          }
        }
        return false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return token!;
}

export async function attachScreenshot(page: Page, name: string, width = 1440): Promise<void> {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await page.waitForTimeout(300);
  await test.info().attach(`${name}-${width}px`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}
