import nodemailer from 'nodemailer';

import type { RenderedMessage } from '../templates/render-message';

/** One message for the wire. */
export interface Envelope {
  /** The outbox id: the Message-ID is derived from it, so a resend is recognisably the same mail. */
  id: string;
  to: { email: string; name: string };
  /** The clinic's name shows as the sender; the address is the platform's. */
  fromName: string;
  replyTo: string | null;
  rendered: RenderedMessage;
}

export interface MailSender {
  send(envelope: Envelope): Promise<void>;
  close(): void;
}

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://...`. Never logged. */
  url: string;
  /** The platform's sending address, e.g. `mail@eventora.app`. */
  fromAddress: string;
}

/** Sends over SMTP with nodemailer; a pooled connection, reused across messages. */
export function createSmtpSender(options: SmtpSenderOptions): MailSender {
  const transport = nodemailer.createTransport(options.url);
  const domain = options.fromAddress.split('@')[1] ?? 'eventora.invalid';
  return {
    async send({ id, to, fromName, replyTo, rendered }) {
      await transport.sendMail({
        messageId: `<${id}@${domain}>`,
        from: { name: fromName, address: options.fromAddress },
        to: { name: to.name, address: to.email },
        replyTo: replyTo ?? undefined,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        icalEvent: rendered.calendar
          ? {
              method: rendered.calendar.method,
              filename: 'booking.ics',
              content: rendered.calendar.content,
            }
          : undefined,
        list: rendered.unsubscribeUrl ? { unsubscribe: rendered.unsubscribeUrl } : undefined,
      });
    },
    close: () => transport.close(),
  };
}

/** Where an SMTP failure leaves a message. */
export type SendFailure = 'bounced' | 'retry';

/**
 * A permanent refusal of the recipient (5xx on RCPT: unknown user, mailbox gone) is a bounce;
 * anything else (a 4xx, a dropped connection, our own credentials refused) may pass later.
 */
export function classifySendError(error: unknown): { kind: SendFailure; detail: string } {
  const smtp = error as { code?: string; responseCode?: number; response?: string; name?: string };
  const detail = [smtp.code ?? smtp.name ?? 'Error', smtp.responseCode, smtp.response]
    .filter((part) => part !== undefined && part !== '')
    .join(' ')
    .slice(0, 480);
  const permanent =
    smtp.code === 'EENVELOPE' && typeof smtp.responseCode === 'number' && smtp.responseCode >= 500;
  return { kind: permanent ? 'bounced' : 'retry', detail };
}
