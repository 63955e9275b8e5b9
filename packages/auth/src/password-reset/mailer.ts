import type { TenantClient } from '@eventora/tenancy';

/** The transaction that stores a reset token: an outbox mailer writes its message in it. */
export type PasswordResetTransaction = Parameters<Parameters<TenantClient['$transaction']>[0]>[0];

/** What a password reset message needs. `token` is the only copy of the secret: put it in the link. */
export interface PasswordResetMessage {
  to: string;
  name: string;
  /** The person's language for the message (`en`, `es`), when known. */
  locale?: string | null;
  token: string;
  expiresAt: Date;
  /** The clinic the account belongs to, for the link's host (`<slug>.<domain>`). */
  clinicSlug: string;
  /** What the link is for: a reset the person asked for (default), or a new owner's first password. */
  purpose?: 'reset' | 'owner-invitation';
}

/**
 * Delivers password reset links. Implementations should hand the message to a queue or mail
 * service and return quickly: how long this takes is visible to whoever asked for the reset,
 * and only known emails reach it.
 */
export interface PasswordResetMailer {
  /**
   * `tx`, when given, is the transaction that stores the token: a mailer that writes to an
   * outbox writes the message there, so it is sent if and only if the token commits.
   */
  sendPasswordReset(message: PasswordResetMessage, tx?: PasswordResetTransaction): Promise<void>;
}

export interface DevPasswordResetMailerOptions {
  /** The reset page's URL for a token; defaults to `http://<slug>.localhost:3000/reset-password?token=…`. */
  resetLink?: (token: string, clinicSlug: string) => string;
  /** Where lines go; defaults to console.info. */
  log?: (line: string) => void;
  /**
   * Print the link with the real token so a developer can click it. Off by default: the app
   * sets it only from an explicit development flag, never in production.
   */
  revealToken?: boolean;
}

const REDACTED = '[redacted]';

/** A mailer for development: prints the reset link instead of sending mail. */
export function createDevPasswordResetMailer(
  options: DevPasswordResetMailerOptions = {},
): PasswordResetMailer {
  const resetLink =
    options.resetLink ??
    ((token: string, slug: string) =>
      `http://${slug}.localhost:3000/reset-password?token=${encodeURIComponent(token)}`);
  const log = options.log ?? ((line: string) => console.info(line));
  return {
    async sendPasswordReset(message) {
      const link = resetLink(options.revealToken ? message.token : REDACTED, message.clinicSlug);
      log(
        `[dev mail] password reset for ${message.to} at ${message.clinicSlug}: ${link} (expires ${message.expiresAt.toISOString()})`,
      );
    },
  };
}
