import { requireClinic, type TenantClient } from '@eventora/tenancy';

import {
  MESSAGE_KINDS,
  type Locale,
  type MessageData,
  type MessageKind,
  type MessageSecrets,
} from '../messages/message-kinds';

/** A tenant client or the transaction client of one: pass the transaction. */
export type OutboxWriter = Pick<TenantClient, 'outboxMessage'>;

/** One message to send, typed by its kind. */
export type NewMessage<K extends MessageKind = MessageKind> = {
  [Kind in K]: {
    kind: Kind;
    to: { email: string; name: string };
    /** The recipient's language; English when unknown. */
    locale?: Locale;
    data: MessageData<Kind>;
    /**
     * At most one message per clinic and key: a second write with the same key is skipped
     * (e.g. `reminder:<reservation>:<starts at>`), inside the same transaction, without error.
     */
    dedupeKey?: string;
  } & (MessageSecrets<Kind> extends undefined
    ? { secrets?: undefined }
    : { secrets: MessageSecrets<Kind> });
}[K];

/**
 * Writes a message to the bound clinic's outbox. Pass the transaction of the change that
 * causes the message: it is sent if and only if that change commits (a rolled-back booking
 * sends nothing; a committed one is never lost). Data and secrets are checked against the
 * kind's schema here, so a bad message fails the change instead of the delivery.
 *
 * Returns the message id, or null when `dedupeKey` matched an earlier message.
 */
export async function writeMessage<K extends MessageKind>(
  db: OutboxWriter,
  message: NewMessage<K>,
): Promise<{ id: string } | null> {
  const clinic = requireClinic();
  const schema = MESSAGE_KINDS[message.kind];
  const data = schema.data.parse(message.data) as object;
  const secrets = schema.secrets.parse(message.secrets) as object | undefined;
  const rows = await db.outboxMessage.createManyAndReturn({
    data: [
      {
        clinicId: clinic.id,
        kind: message.kind,
        toEmail: message.to.email.trim().toLowerCase(),
        toName: message.to.name.slice(0, 200),
        locale: message.locale ?? 'en',
        data,
        secrets: secrets ?? undefined,
        dedupeKey: message.dedupeKey ?? null,
      },
    ],
    // ON CONFLICT DO NOTHING: a duplicate key does not abort the caller's transaction.
    skipDuplicates: message.dedupeKey !== undefined,
    select: { id: true },
  });
  return rows[0] ?? null;
}
