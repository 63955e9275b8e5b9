import {
  writeClinicAudit,
  type ClinicRecord,
  type TenantClient,
  type TenantTransaction,
} from '@eventora/tenancy';

import type { BillingEvent } from './parse-event';

/** What one delivery did. `duplicate`: the event was handled before, nothing done again. */
export type FulfilmentOutcome =
  | 'duplicate'
  | 'credited'
  | 'awaiting_payment'
  | 'payment_failed'
  | 'expired'
  | 'refunded'
  | 'partially_refunded'
  | 'no_effect';

const DAY_MS = 86_400_000;

/**
 * Applies a verified, located event in one transaction on the clinic's own client (shared
 * schema, own schema or own database): records the event id (a redelivery inserts nothing and
 * stops here), moves the checkout session, credits or revokes, and audits.
 *
 * Concurrency without read-then-write races: the event id is inserted with ON CONFLICT DO
 * NOTHING, so concurrent deliveries of one event wait on the first and then find it there;
 * every state change starts with a conditional UPDATE of the checkout session row, so two
 * different events about one session run one after the other, each seeing the other's result;
 * and the credit is keyed by the session id (purchase_reference, unique per clinic).
 */
export async function fulfilEvent(
  db: TenantClient,
  clinic: ClinicRecord,
  checkoutId: string,
  event: Exclude<BillingEvent, { kind: 'other' }>,
  now: Date,
): Promise<FulfilmentOutcome> {
  return db.$transaction(
    async (tx) => {
      const recorded = await tx.stripeEvent.createMany({
        data: [{ clinicId: clinic.id, id: event.id, type: event.type }],
        skipDuplicates: true,
      });
      if (recorded.count === 0) return 'duplicate';

      const outcome = await apply(tx, clinic, checkoutId, event, now);
      await writeClinicAudit(tx, {
        clinicId: clinic.id,
        actor: { type: 'system' },
        action: `billing.${outcome}`,
        entityType: 'CheckoutSession',
        entityId: checkoutId,
        metadata: { eventId: event.id, eventType: event.type },
      });
      return outcome;
    },
    // Twenty deliveries of one event queue behind the first; give them time to.
    { maxWait: 15_000, timeout: 30_000 },
  );
}

async function apply(
  tx: TenantTransaction,
  clinic: ClinicRecord,
  checkoutId: string,
  event: Exclude<BillingEvent, { kind: 'other' }>,
  now: Date,
): Promise<FulfilmentOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
      // Delayed methods (bank debits) complete unpaid; the async_payment_* event settles it.
      if (event.kind === 'checkout' && event.session.paymentStatus === 'unpaid') {
        return 'awaiting_payment';
      }
      return credit(tx, clinic, checkoutId, now);
    case 'checkout.session.async_payment_succeeded':
      return credit(tx, clinic, checkoutId, now);
    case 'checkout.session.async_payment_failed':
      return (await moveOpen(tx, checkoutId, 'failed')) ? 'payment_failed' : 'no_effect';
    case 'checkout.session.expired':
      return (await moveOpen(tx, checkoutId, 'expired')) ? 'expired' : 'no_effect';
    case 'charge.refunded':
      if (event.kind !== 'refund' || !event.charge.refunded) return 'partially_refunded';
      return refund(tx, checkoutId);
  }
}

/** open -> status; false when the session had already moved on (paid, refunded, ...). */
async function moveOpen(
  tx: TenantTransaction,
  checkoutId: string,
  status: 'completed' | 'failed' | 'expired',
): Promise<boolean> {
  const { count } = await tx.checkoutSession.updateMany({
    where: { id: checkoutId, status: 'open' },
    data: { status },
  });
  return count === 1;
}

/**
 * Credits the buyer once: only an open session completes (a refunded one never does, whatever
 * order the events came in), and the credit's purchase reference is the session id.
 */
async function credit(
  tx: TenantTransaction,
  clinic: ClinicRecord,
  checkoutId: string,
  now: Date,
): Promise<FulfilmentOutcome> {
  if (!(await moveOpen(tx, checkoutId, 'completed'))) return 'no_effect';
  const checkout = await tx.checkoutSession.findFirstOrThrow({
    where: { id: checkoutId },
    select: {
      userId: true,
      package: { select: { id: true, sessionsIncluded: true, validityDays: true } },
    },
  });
  const { count } = await tx.userPackage.createMany({
    data: [
      {
        clinicId: clinic.id,
        userId: checkout.userId,
        packageId: checkout.package.id,
        creditsTotal: checkout.package.sessionsIncluded,
        creditsLeft: checkout.package.sessionsIncluded,
        expiresAt: new Date(now.getTime() + checkout.package.validityDays * DAY_MS),
        purchaseReference: checkoutId,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1 ? 'credited' : 'no_effect';
}

/**
 * Marks the purchase refunded and revokes its unused credits. Arriving before the payment's
 * completion, it leaves the session refunded, so the completion that follows credits nothing.
 * Credits already spent on reservations stay spent; those reservations are not touched.
 */
async function refund(tx: TenantTransaction, checkoutId: string): Promise<FulfilmentOutcome> {
  await tx.checkoutSession.updateMany({ where: { id: checkoutId }, data: { status: 'refunded' } });
  await tx.userPackage.updateMany({
    where: { purchaseReference: checkoutId, status: 'active' },
    data: { status: 'revoked', creditsLeft: 0 },
  });
  return 'refunded';
}
