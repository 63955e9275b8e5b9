import { z } from 'zod';

import type { CheckoutEventType } from '../events/build-events';

/** The parts of a verified event billing acts on; everything else in the payload is ignored. */
export type BillingEvent =
  | {
      kind: 'checkout';
      id: string;
      type: CheckoutEventType;
      account: string | null;
      session: {
        id: string;
        paymentStatus: string;
        metadata: Record<string, string>;
        clientReferenceId: string | null;
      };
    }
  | {
      kind: 'refund';
      id: string;
      type: 'charge.refunded';
      account: string | null;
      charge: {
        paymentIntentId: string | null;
        /** True once the whole amount is refunded. */
        refunded: boolean;
        amount: number;
        amountRefunded: number;
        metadata: Record<string, string>;
      };
    }
  | { kind: 'other'; id: string; type: string };

const CHECKOUT_TYPES: ReadonlySet<string> = new Set<CheckoutEventType>([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

const ZId = z.string().min(1).max(255);
const ZMetadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((metadata) => metadata ?? {});
const ZExpandable = z
  .union([ZId, z.object({ id: ZId })])
  .nullish()
  .transform((value) => (value == null ? null : typeof value === 'string' ? value : value.id));

const ZEnvelope = z.object({
  id: ZId,
  type: z.string().min(1).max(100),
  account: z.string().max(255).nullish(),
  data: z.object({ object: z.unknown() }),
});

const ZSession = z.object({
  id: ZId,
  object: z.literal('checkout.session'),
  payment_status: z.string(),
  metadata: ZMetadata,
  client_reference_id: z.string().max(255).nullish(),
});

const ZCharge = z.object({
  object: z.literal('charge'),
  payment_intent: ZExpandable,
  refunded: z.boolean(),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  metadata: ZMetadata,
});

/** Reads a verified event; undefined when a type billing handles arrives malformed. */
export function parseBillingEvent(event: unknown): BillingEvent | undefined {
  const envelope = ZEnvelope.safeParse(event);
  if (!envelope.success) return undefined;
  const { id, type, data } = envelope.data;
  const account = envelope.data.account ?? null;
  if (CHECKOUT_TYPES.has(type)) {
    const session = ZSession.safeParse(data.object);
    if (!session.success) return undefined;
    return {
      kind: 'checkout',
      id,
      type: type as CheckoutEventType,
      account,
      session: {
        id: session.data.id,
        paymentStatus: session.data.payment_status,
        metadata: session.data.metadata,
        clientReferenceId: session.data.client_reference_id ?? null,
      },
    };
  }
  if (type === 'charge.refunded') {
    const charge = ZCharge.safeParse(data.object);
    if (!charge.success) return undefined;
    return {
      kind: 'refund',
      id,
      type,
      account,
      charge: {
        paymentIntentId: charge.data.payment_intent,
        refunded: charge.data.refunded,
        amount: charge.data.amount,
        amountRefunded: charge.data.amount_refunded,
        metadata: charge.data.metadata,
      },
    };
  }
  return { kind: 'other', id, type };
}
