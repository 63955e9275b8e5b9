import type { PasswordResetMailer, PasswordResetMessage } from '@eventora/auth';
import { writeMessage } from '@eventora/mail';

import { portalUrl } from './portal-url';

/**
 * The mailer both apps use: password reset and set-password links are written to the clinic's
 * outbox in the transaction that stores their token, and the worker delivers them over SMTP
 * (apps/worker; `pnpm dev` runs it against a local catcher). Outside production a developer
 * may also ask to see the links in the log (DEV_REVEAL_RESET_LINKS).
 */
export function defaultMailer(options: {
  production: boolean;
  revealTokens: boolean;
  rootDomain: string;
  port: number;
}): PasswordResetMailer {
  const linkOf = (message: PasswordResetMessage) =>
    `${portalUrl(message.clinicSlug, options)}/reset-password?token=${encodeURIComponent(message.token)}`;
  const reveal = !options.production && options.revealTokens;
  return {
    async sendPasswordReset(message, tx) {
      // Without the token's transaction there is no outbox to write to: refuse rather than drop.
      if (!tx) throw new Error('A reset link is written in the transaction of its token.');
      const link = linkOf(message);
      const data = { expiresAt: message.expiresAt.toISOString() };
      const to = { email: message.to, name: message.name };
      const locale = message.locale === 'es' ? 'es' : message.locale === 'en' ? 'en' : undefined;
      await (message.purpose === 'owner-invitation'
        ? writeMessage(tx, { kind: 'invitation.owner', to, locale, data, secrets: { link } })
        : writeMessage(tx, { kind: 'password.reset', to, locale, data, secrets: { link } }));
      if (reveal)
        console.info(`[dev mail] ${message.purpose ?? 'reset'} link for ${message.to}: ${link}`);
    },
  };
}
