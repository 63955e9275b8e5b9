import { writeMessage } from '@eventora/mail';
import type { TenantClient } from '@eventora/tenancy';

import { recipientLocale } from '../../booking/recipient-locale';
import { issueAccountToken } from './account-tokens';

type Writer = Pick<TenantClient, 'accountToken' | 'outboxMessage' | 'user' | '$queryRaw'>;

/** The person's own language, else the clinic's. */
async function localeOf(tx: Writer, userId: string) {
  const user = await tx.user.findFirst({ where: { id: userId }, select: { locale: true } });
  return recipientLocale(tx, user?.locale);
}

interface Sender {
  clinic: { id: string; slug: string };
  user: { id: string; name: string };
  services: { now: () => Date; portalUrl: (slug: string) => string; revealLinks?: boolean };
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  role: 'OWNER' | 'STAFF' | 'THERAPIST' | 'CLIENT';
}

/** What a sender learns: when the link expires, and the link itself only where links may be shown (development). */
export interface SentLink {
  expiresAt: Date;
  link: string | null;
}

/**
 * Issues an invitation link and writes its message to the outbox, both in the caller's
 * transaction: the invitation exists if and only if its message will be sent. Earlier links
 * of the same person stop working.
 */
export async function sendInvitation(tx: Writer, sender: Sender, to: Recipient): Promise<SentLink> {
  const { token, expiresAt } = await issueAccountToken(tx, {
    clinicId: sender.clinic.id,
    userId: to.id,
    kind: 'invitation',
    createdBy: sender.user.id,
    now: sender.services.now(),
  });
  const link = `${sender.services.portalUrl(sender.clinic.slug)}/accept-invitation?token=${token}`;
  const recipient = { email: to.email, name: to.name };
  const locale = await localeOf(tx, to.id);
  if (to.role === 'CLIENT') {
    await writeMessage(tx, {
      kind: 'invitation.client',
      to: recipient,
      locale,
      data: { invitedBy: sender.user.name, expiresAt: expiresAt.toISOString() },
      secrets: { link },
    });
  } else {
    await writeMessage(tx, {
      kind: 'invitation.staff',
      to: recipient,
      locale,
      data: { role: to.role, invitedBy: sender.user.name, expiresAt: expiresAt.toISOString() },
      secrets: { link },
    });
  }
  return { expiresAt, link: sender.services.revealLinks ? link : null };
}

/**
 * Asks the owner of `newEmail` to confirm it: the address changes only when the link is used
 * (`account.confirmEmail`), so a typo never locks a client out of their account.
 */
export async function sendEmailConfirmation(
  tx: Writer,
  sender: Sender,
  to: { id: string; name: string; newEmail: string },
): Promise<SentLink> {
  const { token, expiresAt } = await issueAccountToken(tx, {
    clinicId: sender.clinic.id,
    userId: to.id,
    kind: 'email_change',
    newEmail: to.newEmail,
    createdBy: sender.user.id,
    now: sender.services.now(),
  });
  const link = `${sender.services.portalUrl(sender.clinic.slug)}/confirm-email?token=${token}`;
  await writeMessage(tx, {
    kind: 'email.confirm',
    to: { email: to.newEmail, name: to.name },
    locale: await localeOf(tx, to.id),
    data: { expiresAt: expiresAt.toISOString() },
    secrets: { link },
  });
  return { expiresAt, link: sender.services.revealLinks ? link : null };
}
