import { expect, test, type Page } from '@playwright/test';

import { mailedToken } from '../../src/mail-inbox';
import { TrpcHttp } from '../../src/portal-api';
import { consoleOrigin } from '../../src/run-env';

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
 * The set-password token of the newest owner invitation to `email`, from the mail the worker
 * delivered over SMTP (production builds mail the link; only a development console shows it).
 */
export function setPasswordToken(email: string): Promise<string> {
  return mailedToken(email, '/reset-password');
}

export async function attachScreenshot(page: Page, name: string, width = 1440): Promise<void> {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await page.waitForTimeout(300);
  await test.info().attach(`${name}-${width}px`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}
