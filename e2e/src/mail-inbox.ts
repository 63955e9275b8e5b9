import { expect } from '@playwright/test';

import { runEnv } from './run-env';

/** A message as the run's mail catcher received it over SMTP (see global-setup.ts). */
export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: string;
}

/** Everything the catcher received so far. */
export async function caughtMail(): Promise<CaughtMail[]> {
  const response = await fetch(new URL('messages', runEnv('mailInbox')));
  expect(response.status, 'the mail catcher answers').toBe(200);
  return (await response.json()) as CaughtMail[];
}

/**
 * Waits for the newest mail to `email` that carries a link to `path` on its portal (the worker
 * delivers within a second or two of the commit), and returns that link.
 */
export async function mailedLink(email: string, path: string): Promise<URL> {
  const pattern = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[^\\s"<>&]+`);
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await caughtMail()).filter((message) =>
          message.to.includes(email.toLowerCase()),
        );
        link = messages
          .reverse()
          .map((message) => pattern.exec(message.text)?.[0])
          .find(Boolean);
        return Boolean(link);
      },
      { message: `a mail to ${email} with a ${path} link`, timeout: 30_000 },
    )
    .toBe(true);
  return new URL(link!);
}

/** The token of the newest `path` link mailed to `email` (see mailedLink). */
export async function mailedToken(email: string, path: string): Promise<string> {
  return (await mailedLink(email, path)).searchParams.get('token')!;
}
