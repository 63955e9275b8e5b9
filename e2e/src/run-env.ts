/**
 * What the global setup hands the tests, through environment variables (Playwright workers
 * start after the global setup and inherit its environment).
 */
export const E2E_ENV = {
  adminUrl: 'EVENTORA_E2E_ADMIN_URL',
  ownerUrl: 'EVENTORA_E2E_OWNER_URL',
  appUrl: 'EVENTORA_E2E_APP_URL',
  /** The mail catcher's inbox (JSON at /messages): what the worker delivered over SMTP. */
  mailInbox: 'EVENTORA_E2E_MAIL_INBOX',
  /** The console's backup store (a directory). */
  backupStore: 'EVENTORA_E2E_BACKUP_STORE',
} as const;

/** Signs clinic archives in test runs (the console verifies backups with it). */
export const ARCHIVE_SIGNING_KEY_FOR_E2E = 'eventora-e2e-archive-signing-key-0123456789';

/** The console's tracing UI in test runs (Jaeger's search by the spans' clinic.id): only its links are checked. */
export const TRACE_UI_URL_FOR_E2E =
  'http://jaeger.e2e.test:16686/search?service=eventora-web&tags=%7B%22clinic.id%22%3A%22{clinicId}%22%7D';

/** The portal's webhook signing secret in test runs (the fake Stripe has no real one). */
export const STRIPE_WEBHOOK_SECRET_FOR_E2E = 'whsec_eventora_e2e_only';

/** Signs reminders' unsubscribe links in test runs (the portal checks them with it). */
export const MAIL_LINK_SECRET_FOR_E2E = 'eventora-e2e-mail-link-secret';

/** The apps' ports for the run: not 3000/3001, so a `pnpm dev` left running does not interfere. */
export function ports(): { web: number; console: number } {
  return {
    web: Number(process.env.E2E_WEB_PORT ?? 3100),
    console: Number(process.env.E2E_CONSOLE_PORT ?? 3101),
  };
}

/** A clinic portal's origin, as a browser sees it (Chromium resolves *.localhost itself). */
export function portalOrigin(slug: string): string {
  return `http://${slug}.localhost:${ports().web}`;
}

export function consoleOrigin(): string {
  return `http://localhost:${ports().console}`;
}

export function runEnv(name: keyof typeof E2E_ENV): string {
  const value = process.env[E2E_ENV[name]];
  if (!value)
    throw new Error(`${E2E_ENV[name]} is not set: run the suites through playwright.config.ts.`);
  return value;
}
