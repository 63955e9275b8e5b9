import {
  createDevPasswordResetMailer,
  createOutboxMailer,
  type PasswordResetMailer,
} from '@eventora/auth';

import { portalUrl } from './portal-url';

/**
 * The mailer both apps use until a mail service is configured: in test runs an outbox folder
 * (EVENTORA_MAIL_OUTBOX), otherwise the console log with tokens redacted unless a developer
 * asked to see them. A production deployment plugs a real PasswordResetMailer in here.
 */
export function defaultMailer(options: {
  production: boolean;
  outboxDir?: string;
  revealTokens: boolean;
  rootDomain: string;
  port: number;
}): PasswordResetMailer {
  if (options.outboxDir) {
    // Test runs use production builds on localhost; a deployment on a real domain never may.
    if (options.rootDomain !== 'localhost') {
      throw new Error(
        'EVENTORA_MAIL_OUTBOX is for test runs on localhost; it cannot be set on a real domain.',
      );
    }
    return createOutboxMailer(options.outboxDir);
  }
  return createDevPasswordResetMailer({
    revealToken: !options.production && options.revealTokens,
    resetLink: (token, slug) =>
      `${portalUrl(slug, options)}/reset-password?token=${encodeURIComponent(token)}`,
  });
}
