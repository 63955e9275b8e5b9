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
 * delivers within a second or two of the commit), and returns that link's token.
 */
export async function mailedToken(email: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<>]+${path}\\?token=([^\\s"<>&]+)`);
  let token: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await caughtMail()).filter((message) =>
          message.to.includes(email.toLowerCase()),
        );
        for (const message of messages.reverse()) {
          const match = pattern.exec(message.text);
          if (match) {
            token = decodeURIComponent(match[1]!);
            return true;
          }
        }
        return false;
      },
      { message: `a mail to ${email} with a ${path} link`, timeout: 30_000 },
    )
    .toBe(true);
  return token!;
}
