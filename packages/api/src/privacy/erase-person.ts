import type { TenantClient } from '@eventora/tenancy';

type Transaction = Parameters<Parameters<TenantClient['$transaction']>[0]>[0];

/** What an erased person's row says instead of their details. */
export const ERASED_NAME = 'Erased person';
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/**
 * Pseudonymises one person of the bound clinic, inside the caller's transaction: name, email
 * and phone replaced, password removed, sessions, reset tokens and calendar feeds deleted, notes on their
 * reservations cleared, and the personal details of every audit entry they acted in or were
 * the subject of forgotten (the chain holds through their salted digests). Their bookings,
 * purchases and payments stay, pointing at the placeholder: the clinic's figures do not move.
 */
export async function erasePerson(
  tx: Transaction,
  person: { id: string; email: string },
  now: Date,
): Promise<{ auditEntriesCleared: number }> {
  await tx.user.updateMany({
    where: { id: person.id },
    data: {
      name: ERASED_NAME,
      email: erasedEmail(person.id),
      phone: null,
      passwordHash: null,
      disabledAt: now,
      erasedAt: now,
    },
  });
  await tx.session.deleteMany({ where: { userId: person.id } });
  await tx.passwordResetToken.deleteMany({ where: { userId: person.id } });
  await tx.calendarFeed.deleteMany({ where: { userId: person.id } });
  // The sign-in throttle is keyed by the typed email.
  await tx.signInAttempt.deleteMany({ where: { key: `account:${person.email}` } });
  await tx.reservation.updateMany({ where: { clientId: person.id }, data: { notes: null } });
  const [cleared] = await tx.$queryRaw<{ n: number }[]>`
    SELECT audit_log_forget_person(${person.id}::uuid) AS n`;
  return { auditEntriesCleared: cleared?.n ?? 0 };
}
