import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

import { escapeHtml } from '../templates/html';

/** One message the catcher received, parsed. */
export interface CaughtMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  messageId: string | null;
  subject: string;
  text: string;
  html: string;
  replyTo: string | null;
  headers: Record<string, string>;
  attachments: { filename: string | null; contentType: string; content: string }[];
  receivedAt: Date;
}

export interface MailCatcherOptions {
  /** SMTP port (default 0: any free port). */
  smtpPort?: number;
  /** Serve the inbox over HTTP on this port (JSON at /messages, a page at /). */
  httpPort?: number;
  host?: string;
  /** Refuse a recipient with a permanent error (550), as a mail server does for an unknown address. */
  rejectRecipient?: (address: string) => boolean;
  /** Refuse the next messages with a temporary error (451) while this returns true. */
  deferMessage?: (to: string[]) => boolean;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what SMTP_URL points at. */
  smtpUrl: string;
  /** The inbox page, when an HTTP port was asked for. */
  inboxUrl: string | null;
  messages: CaughtMail[];
  /** Messages to one address. */
  to(address: string): CaughtMail[];
  close(): Promise<void>;
}

/**
 * A local SMTP server that keeps what it receives: the tests' real SMTP peer, and `pnpm dev`'s
 * mail catcher with a small web inbox. It accepts any sender without authentication: bind it
 * to localhost only.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const error = Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.deferMessage?.(to)) {
          callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            messages.push({
              to,
              from: parsed.from?.text ?? '',
              messageId: parsed.messageId ?? null,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              replyTo: parsed.replyTo?.text ?? null,
              headers: Object.fromEntries(
                [...parsed.headers].map(([key, value]) => [key, headerText(value)]),
              ),
              attachments: parsed.attachments.map((attachment) => ({
                filename: attachment.filename ?? null,
                contentType: attachment.contentType,
                content: attachment.content.toString('utf8'),
              })),
              receivedAt: new Date(),
            });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: HttpServer | null = null;
  if (options.httpPort !== undefined) {
    http = createHttpServer((request, response) => {
      if (request.url?.startsWith('/messages')) {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(messages));
        return;
      }
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(inboxPage(messages));
    });
    await new Promise<void>((resolve, reject) => {
      http!.once('error', reject);
      http!.listen(options.httpPort, host, () => resolve());
    });
  }
  const httpPort = http ? (http.address() as AddressInfo).port : null;

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    inboxUrl: httpPort ? `http://${host === '0.0.0.0' ? 'localhost' : host}:${httpPort}/` : null,
    messages,
    to: (address) => messages.filter((message) => message.to.includes(address.toLowerCase())),
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'text' in value) return String(value.text);
  if (value && typeof value === 'object' && 'value' in value) return String(value.value);
  return JSON.stringify(value);
}

function inboxPage(messages: CaughtMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (message) =>
        `<details><summary><b>${escapeHtml(message.subject)}</b> — to ${escapeHtml(message.to.join(', '))} — ${message.receivedAt.toISOString()}</summary><pre style="white-space:pre-wrap">${escapeHtml(message.text)}</pre></details>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Eventora mail (${messages.length})</title><meta http-equiv="refresh" content="5"></head><body style="font-family:sans-serif;margin:24px"><h1>Eventora dev mail</h1><p>${messages.length} message(s); JSON at <a href="/messages">/messages</a>.</p>${rows || '<p>No mail yet.</p>'}</body></html>`;
}
