import { Prisma } from '@eventora/db';
import type { TenantClient } from '@eventora/tenancy';

import { MessageShapeError, renderMessage, type StoredMessage } from '../templates/render-message';
import type { Branding } from '../templates/components';
import { classifySendError, type MailSender } from './smtp-sender';

/** After the n-th failed attempt the message waits this long: 1, 5, 15, 60 minutes, 4 hours. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 900_000, 3_600_000, 14_400_000];
/** Attempts before a message is given up (dead). */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a delivery holds a claimed message; past it, the next delivery may try it again. */
export const CLAIM_MS = 5 * 60_000;

/** Clears a JSON column (Prisma's SQL NULL, not a JSON null). */
const DB_NULL = Prisma.DbNull;

export interface DeliveryClinic {
  name: string;
  brandColor: string | null;
  replyTo: string | null;
}

export interface DeliverOptions {
  sender: MailSender;
  clinic: DeliveryClinic;
  now?: () => Date;
  /** Messages claimed at once (default 20). */
  batchSize?: number;
  /**
   * Only these kinds (a suspended clinic: SENT_WHILE_SUSPENDED); the others stay pending, as
   * they were, for a later delivery without this limit.
   */
  kinds?: readonly string[];
}

export interface DeliveryReport {
  sent: number;
  bounced: number;
  retrying: number;
  dead: number;
  /** When the earliest message still pending becomes due, for the next delivery job. */
  nextAttemptAt: Date | null;
}

interface ClaimedRow {
  id: string;
  kind: string;
  to_email: string;
  to_name: string;
  locale: string;
  data: unknown;
  secrets: unknown;
  attempts: number;
  created_at: Date;
}

/**
 * Delivers the bound clinic's due outbox messages over SMTP. Each message is first claimed in
 * its own committed statement (status `sending`, a lease of CLAIM_MS, attempts + 1, skipping
 * rows another delivery holds), then sent, then marked. So:
 * - a message is sent by one delivery at a time, and a sent one is never picked again;
 * - a failure leaves it pending with backoff (RETRY_DELAYS_MS) or, after MAX_ATTEMPTS, dead;
 *   a permanent refusal of the recipient records a bounce; neither is retried;
 * - a crash between the SMTP server's acceptance and the mark leaves it `sending`: once the
 *   lease passes it is sent again — at most one duplicate per crash, with the same Message-ID
 *   (derived from the outbox id), which receiving systems use to drop duplicates.
 * Secrets (links that grant access) are cleared when a message is done.
 */
export async function deliverOutbox(
  db: TenantClient,
  options: DeliverOptions,
): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const report: DeliveryReport = { sent: 0, bounced: 0, retrying: 0, dead: 0, nextAttemptAt: null };
  const branding: Branding = {
    clinicName: options.clinic.name,
    brandColor: options.clinic.brandColor,
  };
  // Every kind, or only the listed ones (`kind = ANY(NULL)` matches nothing, hence the flag).
  const limited = options.kinds !== undefined;
  const kinds = [...(options.kinds ?? [])];
  for (;;) {
    const claimedAt = now();
    const claimed = await db.$queryRaw<ClaimedRow[]>`
      UPDATE "outbox" o
         SET "status" = 'sending', "attempts" = o."attempts" + 1,
             "claimed_until" = ${new Date(claimedAt.getTime() + CLAIM_MS)}
        FROM (SELECT "clinic_id", "id" FROM "outbox"
               WHERE (("status" = 'pending' AND "next_attempt_at" <= ${claimedAt})
                  OR ("status" = 'sending' AND "claimed_until" < ${claimedAt}))
                 AND (NOT ${limited} OR "kind" = ANY(${kinds}::text[]))
               ORDER BY "next_attempt_at"
               LIMIT ${options.batchSize ?? 20}
               FOR UPDATE SKIP LOCKED) due
       WHERE o."clinic_id" = due."clinic_id" AND o."id" = due."id"
   RETURNING o."id", o."kind", o."to_email", o."to_name", o."locale", o."data", o."secrets",
             o."attempts", o."created_at"`;
    if (claimed.length === 0) break;
    for (const row of claimed) {
      await deliverOne(db, row, branding, options, now, report);
    }
  }
  const next = await db.outboxMessage.findFirst({
    where: { status: 'pending', ...(limited ? { kind: { in: kinds } } : {}) },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  report.nextAttemptAt = next?.nextAttemptAt ?? null;
  return report;
}

async function deliverOne(
  db: TenantClient,
  row: ClaimedRow,
  branding: Branding,
  options: DeliverOptions,
  now: () => Date,
  report: DeliveryReport,
): Promise<void> {
  const mark = (data: Parameters<TenantClient['outboxMessage']['updateMany']>[0]['data']) =>
    db.outboxMessage.updateMany({ where: { id: row.id, status: 'sending' }, data });
  let rendered;
  try {
    rendered = renderMessage(toStored(row), branding);
  } catch (error) {
    if (!(error instanceof MessageShapeError)) throw error;
    // No later attempt can render it: give up now.
    await mark({ status: 'dead', lastError: error.message, secrets: DB_NULL, claimedUntil: null });
    report.dead++;
    return;
  }
  try {
    await options.sender.send({
      id: row.id,
      to: { email: row.to_email, name: row.to_name },
      fromName: branding.clinicName,
      replyTo: options.clinic.replyTo,
      rendered,
    });
  } catch (error) {
    const { kind, detail } = classifySendError(error);
    if (kind === 'bounced') {
      await mark({ status: 'bounced', lastError: detail, secrets: DB_NULL, claimedUntil: null });
      report.bounced++;
    } else if (row.attempts >= MAX_ATTEMPTS) {
      await mark({ status: 'dead', lastError: detail, secrets: DB_NULL, claimedUntil: null });
      report.dead++;
    } else {
      const delay = RETRY_DELAYS_MS[row.attempts - 1]!;
      await mark({
        status: 'pending',
        lastError: detail,
        claimedUntil: null,
        nextAttemptAt: new Date(now().getTime() + delay),
      });
      report.retrying++;
    }
    return;
  }
  await mark({
    status: 'sent',
    sentAt: now(),
    lastError: null,
    secrets: DB_NULL,
    claimedUntil: null,
  });
  report.sent++;
}

function toStored(row: ClaimedRow): StoredMessage {
  return {
    id: row.id,
    kind: row.kind,
    toName: row.to_name,
    locale: row.locale,
    data: row.data,
    secrets: row.secrets,
    createdAt: row.created_at,
  };
}
